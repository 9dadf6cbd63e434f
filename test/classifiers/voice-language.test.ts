import { describe, expect, it } from 'vitest';
import { isValidatedLanguage, spokenLanguage } from '../../src/classifiers/voice-language.js';

describe('spokenLanguage', () => {
  it('reads Mandarin, Cantonese and other tags as spoken languages', () => {
    for (const tag of ['zh', 'zh-CN', 'zh-TW', 'zh-Hans-CN', 'cmn', 'cmn-Hans', 'ZH_cn']) expect(spokenLanguage(tag)).toBe('cmn');
    for (const tag of ['yue', 'yue-HK', 'zh-HK', 'zh-Hant-HK', 'zh-MO', 'zh-yue']) expect(spokenLanguage(tag)).toBe('yue');
    expect(spokenLanguage('en-GB')).toBe('en');
    expect(spokenLanguage('fr-FR')).toBe('fr');
    expect(spokenLanguage('  ')).toBe('');
  });

  it('validates a call only in a listed language', () => {
    const validated = ['cmn', 'en'];
    expect(isValidatedLanguage('en-US', validated)).toBe(true);
    expect(isValidatedLanguage('zh-CN', validated)).toBe(true);
    expect(isValidatedLanguage('zh-HK', validated)).toBe(false);
    expect(isValidatedLanguage('fr-FR', validated)).toBe(false);
    expect(isValidatedLanguage('', validated)).toBe(false);
  });
});
