import { describe, expect, it } from 'vitest';
import { cjkShare, detectTextLanguage, languageOfTag, toSimplified } from '../../src/text/lang.js';

describe('languageOfTag', () => {
  it('maps Chinese and English tags to their family', () => {
    expect(languageOfTag('zh-CN')).toBe('zh');
    expect(languageOfTag('zh-Hant-TW')).toBe('zh');
    expect(languageOfTag('yue-HK')).toBe('zh');
    expect(languageOfTag('en-GB')).toBe('en');
    expect(languageOfTag('fr-FR')).toBeNull();
  });
});

describe('detectTextLanguage', () => {
  it('lets a clear script override the tag', () => {
    expect(detectTextLanguage('我要投诉你们', 'en-US')).toBe('zh');
    expect(detectTextLanguage('when will my refund arrive', 'zh-CN')).toBe('en');
  });
  it('falls back to the tag when the script says little', () => {
    expect(detectTextLanguage('OK', 'zh-HK')).toBe('zh');
    expect(detectTextLanguage('12345', 'en-GB')).toBe('en');
  });
  it('measures the CJK share of letters', () => {
    expect(cjkShare('abc')).toBe(0);
    expect(cjkShare('我的app')).toBeCloseTo(2 / 5);
  });
});

describe('toSimplified (opencc-js)', () => {
  it('converts Traditional Chinese from Taiwan and Hong Kong', () => {
    expect(toSimplified('我要投訴你們', 'zh-TW')).toBe('我要投诉你们');
    expect(toSimplified('我的錢還安全嗎', 'zh-HK')).toBe('我的钱还安全吗');
  });
  it('writes 账 for accounts, as Mainland text does', () => {
    expect(toSimplified('帳戶裡的錢', 'zh-TW')).toBe('账户里的钱');
  });
  it('leaves Simplified text unchanged', () => {
    expect(toSimplified('我的钱还安全吗', 'zh-CN')).toBe('我的钱还安全吗');
  });
});
