// Identity numbers: mainland resident ID (18 characters, ISO 7064 MOD 11-2, last char may be X)
// and Hong Kong ID (letters, six digits, check digit mod 11), written or spoken.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cnIdValid, hkIdValid, redact } from '../../src/text/privacy/index.js';

// Independent check-character implementations, so the properties do not trust the code under test.
function cnCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  return '10X98765432'[sum % 11] as string;
}

function hkCheck(letters: string, digits: string): string {
  const chars = (letters.length === 1 ? ' ' : '') + letters + digits;
  let sum = 0;
  [...chars].forEach((ch, i) => {
    const value = ch === ' ' ? 36 : /[A-Z]/.test(ch) ? ch.charCodeAt(0) - 55 : Number(ch);
    sum += value * (9 - i);
  });
  const check = (11 - (sum % 11)) % 11;
  return check === 10 ? 'A' : String(check);
}

const ZH = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

describe('mainland resident ID', () => {
  it('accepts the GB 11643 example and rejects a changed check character', () => {
    expect(cnIdValid('11010519491231002X')).toBe(true);
    expect(cnIdValid('110105194912310021')).toBe(false);
  });

  it.each([
    ['我的身份证号是11010519491231002X。', '我的身份证号是[ID]。'],
    ['ID 11010519491231002x please', 'ID [ID] please'],
    ['证件号 110105 19491231 002X', '证件号 [ID]'],
    ['一一零一零五一九四九一二三一零零二叉', '[ID]'],
    ['one one oh one oh five one nine four nine one two three one oh oh two X', '[ID]'],
  ])('%s', (input, expected) => {
    const out = redact(input);
    expect(out.text).toBe(expected);
    expect(out.redactions.map((r) => r.kind)).toEqual(['cn-id']);
  });

  it('redacts a checksum failure only when an ID word is next to it', () => {
    expect(redact('身份證號碼 110105194912310021').text).toBe('身份證號碼 [ID]');
    expect(redact('order 110105194912310021').redactions.filter((r) => r.kind === 'cn-id')).toEqual([]);
  });

  it('redacts any valid ID with a plausible birth date (property)', () => {
    const body = fc
      .tuple(fc.stringMatching(/^[1-6]\d{5}$/), fc.integer({ min: 1930, max: 2020 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.stringMatching(/^\d{3}$/))
      .map(([area, y, m, d, seq]) => `${area}${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${seq}`);
    fc.assert(
      fc.property(body, fc.boolean(), (first17, spoken) => {
        const id = first17 + cnCheck(first17);
        const said = spoken ? [...id].map((c) => (c === 'X' ? '叉' : ZH[Number(c)])).join('') : id;
        const out = redact(`号码是${said}。`);
        expect(out.text).toBe('号码是[ID]。');
      }),
      { numRuns: 200 },
    );
  });
});

describe('Hong Kong ID', () => {
  it('accepts the textbook example and rejects a wrong check digit', () => {
    expect(hkIdValid('A', '123456', '3')).toBe(true);
    expect(hkIdValid('A', '123456', '4')).toBe(false);
  });

  it.each([
    ['my HKID is A123456(3)', 'my HKID is [ID]'],
    ['身份證號碼係A123456（3）', '身份證號碼係[ID]'],
    ['it is A1234563, thanks', 'it is [ID], thanks'],
    ['A one two three four five six bracket three.', '[ID].'],
    ['身份證A一二三四五六括號三', '身份證[ID]'],
  ])('%s', (input, expected) => {
    const out = redact(input);
    expect(out.text).toBe(expected);
    expect(out.redactions.map((r) => r.kind)).toEqual(['hk-id']);
  });

  it('redacts any valid one- or two-letter HKID (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z]{1,2}$/), fc.stringMatching(/^\d{6}$/), (letters, digits) => {
        const check = hkCheck(letters, digits);
        expect(redact(`HKID ${letters}${digits}(${check}) ok`).text).toBe('HKID [ID] ok');
      }),
      { numRuns: 200 },
    );
  });

  it('does not fire on a wrong check digit without an ID word, nor on lower-case words', () => {
    expect(redact('ticket A123456(4) closed').redactions).toEqual([]);
    expect(redact('number is 1234563').redactions).toEqual([]);
  });
});
