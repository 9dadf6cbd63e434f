// The streaming redactor: a number read across two utterances is caught, the previous utterance
// is re-redacted for whoever still holds it, partials never move the tail, and unrelated
// utterances are not glued together.

import { describe, expect, it } from 'vitest';
import { createRedactor, redact } from '../../src/text/privacy/index.js';

describe('createRedactor', () => {
  it('catches a card number split over two final utterances', () => {
    const redactor = createRedactor();
    const first = redactor.redact('my card number is 4532 0151', true);
    // Alone, eight digits after "card number" are redacted as an account-like number.
    expect(first.text).toBe('my card number is [ACCOUNT]');
    const second = redactor.redact('1283 0366.', true);
    expect(second.text).toBe('[CARD ****0366].');
    expect(second.redactions).toEqual([{ kind: 'card', start: 0, end: 9, replacement: '[CARD ****0366]', spansPrevious: true }]);
    expect(second.previous?.text).toBe('my card number is [CARD ****0366]');
    expect(second.previous?.redactions.map((r) => r.kind)).toEqual(['card']);
  });

  it('catches a spoken number split across utterances, with trailing punctuation', () => {
    const redactor = createRedactor();
    const first = redactor.redact('卡号是四五三二零一五一。', true);
    expect(first.text).toBe('卡号是[ACCOUNT]。');
    const second = redactor.redact('一二八三零三六六', true);
    expect(second.text).toBe('[CARD ****0366]');
    expect(second.previous?.text).toBe('卡号是[CARD ****0366]。');
  });

  it('uses the tail for partials but moves it only on finals', () => {
    const redactor = createRedactor();
    redactor.redact('the number is four five three two oh one five one', true);
    expect(redactor.redact('one two eight', false).text).toBe('one two eight');
    expect(redactor.redact('one two eight three oh three six six', false).text).toBe('[CARD ****0366]');
    const final = redactor.redact('one two eight three oh three six six', true);
    expect(final.text).toBe('[CARD ****0366]');
    // The tail is now this utterance; a new utterance without digits clears it.
    expect(redactor.redact('thank you', true).redactions).toEqual([]);
    expect(redactor.redact('1283 0366', true).redactions).toEqual([]);
  });

  it('does not join when the previous utterance did not end in digits', () => {
    const redactor = createRedactor();
    redactor.redact('4532 0151 is the start, okay', true);
    const out = redactor.redact('1283 0366', true);
    expect(out.redactions).toEqual([]);
    expect(out.previous).toBeUndefined();
  });

  it('does not glue two unrelated numbers into a card', () => {
    const redactor = createRedactor();
    redactor.redact('the fee was 25', true);
    const out = redactor.redact('4532 0151 1283 0367 is the reference', true);
    expect(out.redactions).toEqual([]);
  });

  it('never redacts less than redact() alone', () => {
    const redactor = createRedactor();
    redactor.redact('reference 12345', true);
    const text = '4532 0151 1283 0366 and the CVV is 123';
    expect(redactor.redact(text, true).text).toBe(redact(text).text);
  });

  it('keeps separate state per redactor (per track)', () => {
    const agent = createRedactor();
    const caller = createRedactor();
    caller.redact('my card number is 4532 0151', true);
    expect(agent.redact('1283 0366', true).redactions).toEqual([]);
    expect(caller.redact('1283 0366', true).text).toBe('[CARD ****0366]');
  });
});
