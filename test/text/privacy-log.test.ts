// redactForLog: what a logger calls before writing anything — strings at any depth redacted,
// secret-named keys removed, the input never mutated, odd shapes handled.

import { describe, expect, it } from 'vitest';
import { redactForLog } from '../../src/text/privacy/index.js';

describe('redactForLog', () => {
  it('redacts strings at any depth and leaves other values alone', () => {
    const input = {
      callId: 'c-42',
      durationMs: 1234,
      ok: true,
      nested: { lines: ['card 4532 0151 1283 0366', '身份证号11010519491231002X'], at: null },
    };
    expect(redactForLog(input)).toEqual({
      callId: 'c-42',
      durationMs: 1234,
      ok: true,
      nested: { lines: ['card [CARD ****0366]', '身份证号[ID]'], at: null },
    });
    expect(input.nested.lines[0]).toBe('card 4532 0151 1283 0366');
  });

  it('removes values under secret-looking keys whatever they are', () => {
    expect(redactForLog({ password: 'x', pin: 1234, otpCode: '1', apiKey: 'k', cvv: '123', pinned: 'yes', footprint: 'f', userPassword: 'p' })).toEqual({
      password: '[REDACTED]',
      pin: '[REDACTED]',
      otpCode: '[REDACTED]',
      apiKey: '[REDACTED]',
      cvv: '[REDACTED]',
      pinned: 'yes',
      footprint: 'f',
      userPassword: '[REDACTED]',
    });
  });

  it('catches a card number given as a number', () => {
    expect(redactForLog(4532015112830366)).toBe('[CARD ****0366]');
    expect(redactForLog(42)).toBe(42);
  });

  it('scrubs errors, maps and cycles without throwing', () => {
    const err = new Error('declined card 4532 0151 1283 0366');
    const scrubbed = redactForLog(err) as { name: string; message: string; stack?: string };
    expect(scrubbed.message).toBe('declined card [CARD ****0366]');
    expect(scrubbed.stack ?? '').not.toContain('4532');

    const cyclic: Record<string, unknown> = { note: 'PIN is 9876' };
    cyclic.self = cyclic;
    expect(redactForLog(cyclic)).toEqual({ note: 'PIN is [PASSWORD]', self: '[Circular]' });

    expect(redactForLog(new Map([['text', 'my password is hunter2']]))).toEqual({ text: 'my password is [PASSWORD]' });
    expect(redactForLog(new Uint8Array(3))).toBe('[3 bytes]');
  });
});
