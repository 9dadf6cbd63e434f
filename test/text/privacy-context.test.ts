// Numbers that are personal data only because of the words around them: account numbers, CVVs,
// one-time codes, passwords/PINs, security answers, addresses, e-mail addresses and phone numbers, in
// English and both Chinese scripts.

import { describe, expect, it } from 'vitest';
import { redact } from '../../src/text/privacy/index.js';
import { redactionCases } from './redaction-cases.js';

describe('account numbers', () => {
  redactionCases([
    ['account number 1234 5678 9012', 'account number [ACCOUNT]', ['account']],
    ['My acct is 001-234567-890.', 'My acct is [ACCOUNT].', ['account']],
    ['我的账号是6222 0212 3456 7890', '我的账号是[ACCOUNT]', ['account']],
    ['帳號：012-345-6789012', '帳號：[ACCOUNT]', ['account']],
    ['户口号码係 012 345678 901', '户口号码係 [ACCOUNT]', ['account']],
    ['账号是幺二三四五六七八九零', '账号是[ACCOUNT]', ['account']],
    // A card-number run that fails Luhn is most likely a mis-heard digit: still redacted.
    ['卡号是4532015112830367', '卡号是[ACCOUNT]', ['account']],
  ]);

  redactionCases([
    ['the account was opened on 2024-03-15', 'the account was opened on 2024-03-15', []],
    ['account balance is $12,345,678.00', 'account balance is $12,345,678.00', []],
    ['账户余额12345678元', '账户余额12345678元', []],
    ['the account ending 0366', 'the account ending 0366', []],
  ]);
});

describe('CVV and one-time codes', () => {
  redactionCases([
    ['the CVV is 123', 'the CVV is [CVV]', ['cvv']],
    ['security code 4321', 'security code [CVV]', ['cvv']],
    ['卡背面的安全码是七八九', '卡背面的安全码是[CVV]', ['cvv']],
    ['驗證碼是123', '驗證碼是[CVV]', ['cvv']],
    ['your one-time code is 884421', 'your one-time code is [OTP]', ['otp']],
    ['the code is eight eight four four two one', 'the code is [OTP]', ['otp']],
    ['OTP 5521', 'OTP [OTP]', ['otp']],
    ['验证码是 884421', '验证码是 [OTP]', ['otp']],
    ['动态码八八四四二一', '动态码[OTP]', ['otp']],
    ['884421 is the verification code', '[OTP] is the verification code', ['otp']],
  ]);

  redactionCases([
    // A zip code is no one-time code: it is part of an address.
    ['my zip code is 94105', 'my zip code is [ADDRESS]', ['address']],
    ['the SWIFT code has 8 characters', 'the SWIFT code has 8 characters', []],
    ['the code expires in 5 minutes', 'the code expires in 5 minutes', []],
    ['CVV 12345', 'CVV 12345', []],
  ]);
});

describe('security answers', () => {
  redactionCases([
    ['my memorable word is Paris', 'my memorable word is [SECRET]', ['secret']],
    ['Mother’s maiden name: Smith, and my postcode', 'Mother’s maiden name: [SECRET], and my postcode', ['secret']],
    ['the answer to my security question is Rex', 'the answer to my security question is [SECRET]', ['secret']],
    ['密保答案是北京', '密保答案是[SECRET]', ['secret']],
    ['我母亲姓王，你查一下', '我母亲姓[SECRET]，你查一下', ['secret']],
    ['我媽媽嘅娘家姓係陳', '我媽媽嘅娘家姓係[SECRET]', ['secret']],
    ['媽媽姓陳', '媽媽姓[SECRET]', ['secret']],
  ]);

  redactionCases([
    ['what is my memorable word?', 'what is my memorable word?', []],
    ['my memorable word is wrong apparently', 'my memorable word is wrong apparently', []],
    ['我妈妈姓什么你问这个干嘛', '我妈妈姓什么你问这个干嘛', []],
    ['the answer is no, I did not make that payment', 'the answer is no, I did not make that payment', []],
  ]);
});

describe('home addresses', () => {
  redactionCases([
    ['my address is 12 Baker Street, London NW1 6XE. Can you update it?', 'my address is [ADDRESS]. Can you update it?', ['address']],
    ['I live at 4 Elm Road and I never got the letter', 'I live at [ADDRESS] and I never got the letter', ['address']],
    ['postcode is SW1A 1AA', 'postcode is [ADDRESS]', ['address']],
    ['地址是北京市朝阳区建国路88号。', '地址是[ADDRESS]。', ['address']],
    ['我住喺九龍塘達之路八號，你哋寄信嚟啦', '我住喺[ADDRESS]，你哋寄信嚟啦', ['address']],
  ]);

  redactionCases([
    ['my address is wrong on the statement', 'my address is wrong on the statement', []],
    ['I live in London', 'I live in London', []],
    ['what address do you have for me?', 'what address do you have for me?', []],
  ]);
});

describe('e-mail addresses', () => {
  redactionCases([
    ['send it to jane.doe+bank@example.co.uk please', 'send it to [EMAIL] please', ['email']],
    ['it is jane dot doe at gmail dot com', 'it is [EMAIL]', ['email']],
    ['邮箱是jane点doe艾特qq点com', '邮箱是[EMAIL]', ['email']],
  ]);

  redactionCases([
    ['I was at the branch at ten', 'I was at the branch at ten', []],
    ['look at page two dot three', 'look at page two dot three', []],
  ]);
});

describe('passwords and PINs', () => {
  redactionCases([
    ['my password is hunter2, ok', 'my password is [PASSWORD], ok', ['password']],
    ['My PIN is 4 5 6 7.', 'My PIN is [PASSWORD].', ['password']],
    ['the PIN is four five six seven', 'the PIN is [PASSWORD]', ['password']],
    ['online banking password: Tr0ub4dor&3', 'online banking password: [PASSWORD]', ['password']],
    ['密码是一二三四五六', '密码是[PASSWORD]', ['password']],
    ['我的密碼為 880123。', '我的密碼為 [PASSWORD]。', ['password']],
    ['PIN 1234', 'PIN [PASSWORD]', ['password']],
  ]);

  redactionCases([
    ['My password is wrong.', 'My password is wrong.', []],
    ['my PIN is locked', 'my PIN is locked', []],
    ['您的密码是多少？', '您的密码是多少？', []],
    ['密码是六位数', '密码是六位数', []],
    ['the password is not working', 'the password is not working', []],
  ]);
});

describe('phone numbers', () => {
  redactionCases([
    ['call me on 13812345678', 'call me on [PHONE]', ['phone']],
    ['手机号138 1234 5678', '手机号[PHONE]', ['phone']],
    ['幺三八幺二三四五六七八', '[PHONE]', ['phone']],
    ['+852 9123 4567', '[PHONE]', ['phone']],
    ['my mobile is 9123 4567', 'my mobile is [PHONE]', ['phone']],
    ['電話係 2345 6789', '電話係 [PHONE]', ['phone']],
    ['call me back on (415) 555-2671', 'call me back on ([PHONE]', ['phone']],
  ]);

  // Bare local numbers are indistinguishable from references and amounts: left alone.
  redactionCases([
    ['reference 9123 4567', 'reference 9123 4567', []],
    ['the branch is at 415 Main Street', 'the branch is at 415 Main Street', []],
  ]);
});

describe('several kinds in one utterance', () => {
  it('redacts each and keeps the rest of the text', () => {
    const out = redact('Card 4532 0151 1283 0366, CVV 123, and my PIN is 9876. 谢谢');
    expect(out.text).toBe('Card [CARD ****0366], CVV [CVV], and my PIN is [PASSWORD]. 谢谢');
    expect(out.redactions.map((r) => r.kind)).toEqual(['card', 'cvv', 'password']);
    for (let i = 1; i < out.redactions.length; i++) {
      expect(out.redactions[i]!.start).toBeGreaterThanOrEqual(out.redactions[i - 1]!.end);
    }
  });

  it('returns the input untouched when there is nothing to redact', () => {
    const text = 'Thank you, I will send the form today.';
    expect(redact(text, 'en-GB')).toEqual({ text, redactions: [] });
  });
});

describe('numbers known by their shape', () => {
  redactionCases([
    ['my Taiwan ID is A123456789', 'my Taiwan ID is [ID]', ['tw-id']],
    ['身分證字號是F223456713', '身分證字號是[ID]', ['tw-id']],
    ['you can reach me on 07700 900123', 'you can reach me on [PHONE]', ['phone']],
  ]);
  redactionCases([
    ['the parcel code is A123456788', 'the parcel code is A123456788', []],
  ]);
});

describe('the last digits of an ID, read out on their own', () => {
  redactionCases([
    ['后四位是四五六七', '后四位是[DIGITS]', ['digits']],
    ['身份证后四位是1234', '身份证后四位是[DIGITS]', ['digits']],
    ['身份證後四位係四五六七', '身份證後四位係[DIGITS]', ['digits']],
    ['the last four are 4 5 6 7', 'the last four are [DIGITS]', ['digits']],
    ['the last four digits of my ID are 9876', 'the last four digits of my ID are [DIGITS]', ['digits']],
    ['my SSN ends in 4821', 'my SSN ends in [DIGITS]', ['digits']],
  ]);

  // As banks show them: a card's, an account's or a phone's last four; a reference's; a span of time.
  redactionCases([
    ['the card ending 0366', 'the card ending 0366', []],
    ['尾号0366的信用卡', '尾号0366的信用卡', []],
    ['手机尾号5678', '手机尾号5678', []],
    ['the reference ends in 5521', 'the reference ends in 5521', []],
    ['in the last 24 hours', 'in the last 24 hours', []],
    ['the last 3 payments', 'the last 3 payments', []],
  ]);
});

describe('addresses said without a question', () => {
  redactionCases([
    ['I moved to 22 Acacia Avenue last month', 'I moved to [ADDRESS] last month', ['address']],
    ['please send the new card to Flat 3, 22 Acacia Avenue, Leeds', 'please send the new card to [ADDRESS]', ['address']],
    ['卡寄到北京市朝阳区建国路88号了吗', '卡寄到[ADDRESS]了吗', ['address']],
  ]);
  redactionCases([
    ['I live in London', 'I live in London', []],
    ['我住在附近', '我住在附近', []],
    ['the branch on High Street closes at five', 'the branch on High Street closes at five', []],
    ['网点在南京东路300号', '网点在南京东路300号', []],
  ]);
});
