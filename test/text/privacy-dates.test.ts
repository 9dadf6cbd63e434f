// Dates that are personal data: a date of birth or a card's expiry date, redacted when a birth or
// expiry word describes the date, in English and both Chinese scripts, written or spoken; every
// other date stays (it is what the call is about).

import { describe, expect, it } from 'vitest';
import { redact } from '../../src/text/privacy/index.js';
import { redactionCases } from './redaction-cases.js';

describe('dates of birth are redacted', () => {
  redactionCases([
    ['my date of birth is 12/03/1985', 'my date of birth is [DOB]', ['dob']],
    // A postcode is part of the address, hidden like it (issue 16).
    ['DOB: 1985-03-12, postcode SW1A 1AA', 'DOB: [DOB], postcode [ADDRESS]', ['dob', 'address']],
    ['I was born on the 12th of March 1985.', 'I was born on [DOB].', ['dob']],
    ['born March 12th, 1985', 'born [DOB]', ['dob']],
    ["birthday's the twelfth of March nineteen eighty-five", "birthday's [DOB]", ['dob']],
    ['it is March the twenty-first, two thousand and two, my birthday', 'it is [DOB], my birthday', ['dob']],
    ['12 March 85 is my date of birth', '[DOB] is my date of birth', ['dob']],
    ["12 March '85 is my date of birth", '[DOB] is my date of birth', ['dob']],
    ['出生日期是1985年3月12日', '出生日期是[DOB]', ['dob']],
    ['我生日係一九八五年三月十二號', '我生日係[DOB]', ['dob']],
    ['我的出生日期：19850312', '我的出生日期：[DOB]', ['dob']],
    ['生日是三月十二号', '生日是[DOB]', ['dob']],
  ]);
});

describe('other dates stay', () => {
  redactionCases([
    ['the payment is due on 12/03/2025', 'the payment is due on 12/03/2025', []],
    ['the account was opened on March 12th, 2019', 'the account was opened on March 12th, 2019', []],
    ['我三月十二号转的账，到现在还没到', '我三月十二号转的账，到现在还没到', []],
    ["it's my son's birthday next week and the card was declined", "it's my son's birthday next week and the card was declined", []],
    ['I was born in 1985', 'I was born in 1985', []],
  ]);
});

describe('card expiry dates are redacted', () => {
  redactionCases([
    ['expiry date 03/27', 'expiry date [EXPIRY]', ['expiry']],
    ['it expires 3-2027 and the CVV is 123', 'it expires [EXPIRY] and the CVV is [CVV]', ['expiry', 'cvv']],
    ['valid thru March 2027', 'valid thru [EXPIRY]', ['expiry']],
    ['有效期到2027年3月', '有效期到[EXPIRY]', ['expiry']],
    ['卡的有效期係 03/27', '卡的有效期係 [EXPIRY]', ['expiry']],
  ]);

  redactionCases([
    ['my card expired 2 weeks ago', 'my card expired 2 weeks ago', []],
    ['the offer expires on the 3rd and costs 12/month', 'the offer expires on the 3rd and costs 12/month', []],
  ]);
});

describe('a date of birth beside other personal data', () => {
  it('redacts both, each with its own kind', () => {
    const out = redact('card 4532 0151 1283 0366, date of birth 1985-03-12');
    expect(out.text).toBe('card [CARD ****0366], date of birth [DOB]');
    expect(out.redactions.map((r) => r.kind)).toEqual(['card', 'dob']);
  });
});
