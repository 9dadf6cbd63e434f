// Answers to the agent's verification questions: the question names what is asked (date of
// birth, memorable word, mother's maiden name, 密保问题), the caller's answer holds the value.

import { describe, expect, it } from 'vitest';
import { askedFor, createRedactor, type AskedFor } from '../../src/text/privacy/index.js';

describe('what a question asks for', () => {
  it.each([
    ['Could you confirm your date of birth for me?', 'dob'],
    ['And your DOB please', 'dob'],
    ['請問您嘅出生日期係？', 'dob'],
    ['麻烦您提供一下生日', 'dob'],
    ['What is your memorable word?', 'secret'],
    ["Can I take your mother's maiden name?", 'secret'],
    ['请问您的密保问题答案是？', 'secret'],
    ['您母亲姓什么？', 'secret'],
    ['Can you confirm the first line of your address and the postcode?', 'address'],
    ['請問您嘅通訊地址係？', 'address'],
    ['Can you confirm your date of birth and postcode?', 'dob'],
    ['How can I help you today?', null],
    ['Can I have the last four digits of the card?', null],
  ])('%s → %s', (question, kind) => {
    expect(askedFor(question)).toBe(kind);
  });
});

describe('the caller’s answer', () => {
  function answer(text: string, asked: AskedFor): { text: string; kinds: string[] } {
    const r = createRedactor().redact(text, true, asked);
    return { text: r.text, kinds: r.redactions.map((x) => x.kind) };
  }

  it.each([
    ['Sure, it’s the 12th of March 1985.', 'dob', 'Sure, it’s [DOB].', ['dob']],
    ['twelfth of March nineteen eighty-five', 'dob', '[DOB]', ['dob']],
    ['一九八五年三月十二号', 'dob', '[DOB]', ['dob']],
    ['I’d rather not say', 'dob', 'I’d rather not say', []],
    ['Yes, it’s Paris.', 'secret', 'Yes, it’s [SECRET].', ['secret']],
    ['Paris', 'secret', '[SECRET]', ['secret']],
    ['嗯，是北京', 'secret', '嗯，是[SECRET]', ['secret']],
    ['姓王', 'secret', '姓[SECRET]', ['secret']],
    ['Sorry, my what?', 'secret', 'Sorry, my what?', []],
    ['Yes, it’s 12 Baker Street, London NW1 6XE.', 'address', 'Yes, it’s [ADDRESS].', ['address']],
    ['九龍塘達之路八號', 'address', '[ADDRESS]', ['address']],
  ] as const)('%s (%s)', (text, asked, expected, kinds) => {
    expect(answer(text, asked)).toEqual({ text: expected, kinds });
  });

  it('leaves the same words alone when nothing was asked', () => {
    expect(createRedactor().redact('Paris, on the 12th of March 1985', true).text).toBe('Paris, on the 12th of March 1985');
  });

  it('keeps the other redactions of the answer', () => {
    const r = createRedactor().redact('card 4532 0151 1283 0366 and born 1985-03-12', true, 'dob');
    expect(r.text).toBe('card [CARD ****0366] and born [DOB]');
  });
});
