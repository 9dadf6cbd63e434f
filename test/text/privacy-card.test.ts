// Card numbers: written with spaces or dashes, spoken digit by digit in English or Chinese,
// Luhn-checked, replaced by [CARD ****last4] — and never an amount, a date or a Luhn failure.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { luhnValid, redact } from '../../src/text/privacy/index.js';

// An independent Luhn check digit, so the property below does not trust the code under test.
function withCheckDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return body + String((10 - (sum % 10)) % 10);
}

const EN_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const ZH_WORDS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const spokenEn = (digits: string): string => [...digits].map((d) => EN_WORDS[Number(d)]).join(' ');
const spokenZh = (digits: string): string => [...digits].map((d) => ZH_WORDS[Number(d)]).join('');

describe('written card numbers', () => {
  it.each([
    ['My card number is 4532 0151 1283 0366, thanks.', 'My card number is [CARD ****0366], thanks.'],
    ['4532-0151-1283-0366', '[CARD ****0366]'],
    ['it is 4111111111111111.', 'it is [CARD ****1111].'],
    ['Amex 3782 822463 10005 please', 'Amex [CARD ****0005] please'],
    ['卡号：４５３２０１５１１２８３０３６６', '卡号：[CARD ****0366]'],
  ])('%s', (input, expected) => {
    const out = redact(input);
    expect(out.text).toBe(expected);
    expect(out.redactions.map((r) => r.kind)).toEqual(['card']);
  });

  it('a 19-digit UnionPay number', () => {
    const card = withCheckDigit('621226020001234567');
    const grouped = `${card.slice(0, 4)} ${card.slice(4, 8)} ${card.slice(8, 12)} ${card.slice(12, 16)} ${card.slice(16)}`;
    expect(redact(`银联卡 ${grouped}`).text).toBe(`银联卡 [CARD ****${card.slice(-4)}]`);
  });

  it('reports the span it replaced', () => {
    const input = 'card 4532 0151 1283 0366 ok';
    const [r] = redact(input).redactions;
    expect(input.slice(r?.start, r?.end)).toBe('4532 0151 1283 0366');
    expect(r?.replacement).toBe('[CARD ****0366]');
  });

  it('splits a card from the CVV said in the same breath', () => {
    const out = redact('it is 4532 0151 1283 0366 123 and that is all');
    expect(out.text).toBe('it is [CARD ****0366] 123 and that is all');
  });

  it('redacts any Luhn-valid 13–19 digit number, however grouped (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[2-6]\d{11,17}$/), fc.constantFrom(' ', '-', ''), (body, sep) => {
        const card = withCheckDigit(body);
        const grouped = card.replace(/(\d{4})(?=\d)/g, `$1${sep}`);
        const out = redact(`the number is ${grouped} thanks`);
        expect(out.text).toBe(`the number is [CARD ****${card.slice(-4)}] thanks`);
      }),
      { numRuns: 300 },
    );
  });
});

describe('spoken card numbers', () => {
  const card = '4532015112830366';

  it('English digit by digit', () => {
    expect(redact(`my card is ${spokenEn(card)}`).text).toBe('my card is [CARD ****0366]');
  });

  it('English with "oh" for zero and "double"', () => {
    const out = redact('four five three two oh one five one one two eight three oh three double six');
    expect(out.text).toBe('[CARD ****0366]');
  });

  it('English in pairs ("forty-five thirty-two")', () => {
    const out = redact('forty-five thirty-two oh one fifty-one twelve eighty-three oh three sixty-six');
    expect(out.text).toBe('[CARD ****0366]');
  });

  it('Chinese numerals, with 幺 for one and 两 for two', () => {
    expect(redact(`我的卡号是${spokenZh(card)}`).text).toBe('我的卡号是[CARD ****0366]');
    expect(redact('卡号四五三两零幺五幺幺两八三零三六六').text).toBe('卡号[CARD ****0366]');
    expect(redact('卡号四五三二零么五么么二八三零三六六').text).toBe('卡号[CARD ****0366]');
    expect(redact('卡號是四五三二，零一五一，一二八三，零三六六。').text).toBe('卡號是[CARD ****0366]。');
  });

  it('mixed written and spoken', () => {
    expect(redact('4532 0151 one two eight three 0366').text).toBe('[CARD ****0366]');
  });
});

describe('must not fire', () => {
  it('a 16-digit number that fails Luhn, with no describing word', () => {
    expect(luhnValid('4532015112830367')).toBe(false);
    expect(redact('reference 4532 0151 1283 0367 noted').redactions).toEqual([]);
    expect(redact(spokenEn('4532015112830367')).redactions).toEqual([]);
  });

  it('random digit strings that fail Luhn (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9]\d{12,18}$/), (digits) => {
        fc.pre(!luhnValid(digits) && !/^1[3-9]\d{9}$/.test(digits));
        expect(redact(`ref ${digits}`).redactions.filter((r) => r.kind === 'card')).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    'That will be $1,234.56 please.',
    '一共五千块。',
    '五千三百二十一元',
    'Posted on 2024-03-15 at 10:30.',
    '二零二四年三月十五日',
    'the 15/03/2024 statement',
    'I have one card and two accounts.',
    '为什么一二三个月都没到账？',
    "Oh, I see, it's five o'clock.",
  ])('%s', (text) => {
    expect(redact(text)).toEqual({ text, redactions: [] });
  });
});
