// One table-driven check for redaction tests: each row is input, the expected redacted text and
// the kinds found, in order.

import { expect, it } from 'vitest';
import { redact, type PiiKind } from '../../src/text/privacy/index.js';

export function redactionCases(list: ReadonlyArray<readonly [string, string, PiiKind[]]>): void {
  it.each(list)('%s', (input, expected, kinds) => {
    const out = redact(input);
    expect(out.text).toBe(expected);
    expect(out.redactions.map((r) => r.kind)).toEqual(kinds);
  });
}
