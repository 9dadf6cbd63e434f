// Answers to the agent's verification questions: the question names what is asked (date of
// birth, memorable word, mother's maiden name, 密保问题), the caller's answer holds the value.

import { describe, expect, it } from 'vitest';
import { askedFor, createRedactor, type AskedFor } from '../../src/text/privacy/index.js';

describe('what a question asks for', () => {
  it.each([
    ['Could you confirm your date of birth for me?', ['dob']],
    ['And your DOB please', ['dob']],
    ['請問您嘅出生日期係？', ['dob']],
    ['麻烦您提供一下生日', ['dob']],
    ['What is your memorable word?', ['secret']],
    ["Can I take your mother's maiden name?", ['secret']],
    ['请问您的密保问题答案是？', ['secret']],
    ['您母亲姓什么？', ['secret']],
    ['Can you confirm the first line of your address and the postcode?', ['address']],
    ['請問您嘅通訊地址係？', ['address']],
    // One question, several things: every one of them is an answer to read.
    ['Can you confirm your date of birth and postcode?', ['dob', 'address']],
    ['请提供您的出生日期、邮编和身份证后四位', ['dob', 'address', 'digits']],
    ['Your memorable word and the first line of your address, please.', ['secret', 'address']],
    ['Can I have the last four digits of your ID number?', ['digits']],
    ['How can I help you today?', []],
    ['Can I have the last four digits of the card?', []],
  ])('%s → %s', (question, kinds) => {
    expect(askedFor(question)).toEqual(kinds);
  });
});

describe('the caller’s answer', () => {
  function answer(text: string, asked: AskedFor | AskedFor[]): { text: string; kinds: string[] } {
    const r = createRedactor().redact(text, true, Array.isArray(asked) ? asked : [asked]);
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

  it.each([
    // Several things asked: each part of the answer is read for what it is.
    ['Sure, it’s the 12th of March 1985, postcode SW4 9LT.', ['dob', 'address'], 'Sure, it’s [DOB], postcode [ADDRESS].', ['dob', 'address']],
    ['Rosebud, and 22 Acacia Avenue.', ['secret', 'address'], '[SECRET], and [ADDRESS].', ['secret', 'address']],
    ['22 Acacia Avenue, Leeds, and the word is Rosebud', ['address', 'secret'], '[ADDRESS], and [SECRET]', ['address', 'secret']],
    ['1985年3月12号，邮编100020', ['dob', 'address'], '[DOB]，邮编[ADDRESS]', ['dob', 'address']],
    // An address answer must look like one: the calm-down words stay.
    ['好的，那我就放心了，谢谢你', ['address'], '好的，那我就放心了，谢谢你', []],
    ['好的，那我就放心了，谢谢你', ['secret'], '好的，那我就放心了，谢谢你', []],
    ['Okay, that’s great, thanks so much.', ['address'], 'Okay, that’s great, thanks so much.', []],
    ['I live in London, but I moved last year', ['address'], 'I live in London, but I moved last year', []],
    ['北京市朝阳区建国路88号', ['address'], '[ADDRESS]', ['address']],
    ['Flat 3, 22 Acacia Avenue, Leeds LS1 4AB', ['address'], '[ADDRESS]', ['address']],
    ['Rose Cottage, 3 Mill Lane, is that what you have?', ['address'], '[ADDRESS], is that what you have?', ['address']],
    // The last digits of an ID.
    ['It’s nine eight seven six.', ['digits'], 'It’s [DIGITS].', ['digits']],
    ['四五六七', ['digits'], '[DIGITS]', ['digits']],
    ['I’ve had it for 10 years', ['digits'], 'I’ve had it for 10 years', []],
  ] as const)('%s (%s)', (text, asked, expected, kinds) => {
    expect(answer(text, [...asked])).toEqual({ text: expected, kinds });
  });

  it('leaves the same words alone when nothing was asked', () => {
    expect(createRedactor().redact('Paris, on the 12th of March 1985', true).text).toBe('Paris, on the 12th of March 1985');
  });

  it('keeps the other redactions of the answer', () => {
    const r = createRedactor().redact('card 4532 0151 1283 0366 and born 1985-03-12', true, ['dob']);
    expect(r.text).toBe('card [CARD ****0366] and born [DOB]');
  });
});
