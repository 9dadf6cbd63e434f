// Log lines never carry transcripts, secrets or personal numbers, whatever a caller of the logger passes.

import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/observability/logger.js';

describe('logger', () => {
  it('censors text, tokens and personal numbers', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (c, _e, cb) => (lines.push(c.toString()), cb()) });
    const captured = createLogger('info', sink);
    captured.info({ callId: 'c1', text: 'my card is 4532015112830366', token: 'tok-secret-123' }, 'event');
    captured.info({ callId: 'c2', note: 'customer read 4532 0151 1283 0366 aloud' }, 'free text');
    const out = lines.join('');
    expect(out).toContain('c1');
    expect(out).not.toContain('4532');
    expect(out).not.toContain('tok-secret-123');
    expect(out).not.toContain('my card');
  });
});
