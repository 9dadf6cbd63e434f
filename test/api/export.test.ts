// CSV cells a spreadsheet opens safely: quoted when they hold a separator, a quote or a line
// break, and never run as a formula (a leading = + - @ gets an apostrophe; negative numbers stay).

import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvField } from '../../src/api/index.js';

describe('CSV export cells', () => {
  it('quotes, escapes and defuses formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField(null)).toBe('');
    expect(csvField(42.5)).toBe('42.5');
    expect(csvField(-3)).toBe('-3');
    expect(csvField(['anger', 'neutral'])).toBe('anger neutral');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField('+1+1')).toBe("'+1+1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('-cmd')).toBe("'-cmd");
  });

  it('exports the summary columns a QA sheet needs, in a stable order', () => {
    expect(CSV_COLUMNS[0]).toBe('callId');
    expect(CSV_COLUMNS).toEqual(expect.arrayContaining(['agentId', 'startedAt', 'status', 'emotions', 'promptCount', 'violationCount', 'score']));
  });
});
