// Traditional-Chinese calls (zh-TW, zh-HK): the Simplified-authored rules match Traditional
// text (this runs opencc-js for real), suggestions come out in Traditional, and Hong Kong
// agents' Cantonese forms are covered.

import { describe, expect, it } from 'vitest';
import { createAgentLanguageChecker, type LanguageFinding, type LanguageRuleKind } from '../../src/text/language/index.js';

function check(text: string, language = 'zh-TW', isFinal = true): LanguageFinding[] {
  return createAgentLanguageChecker(language).check(text, isFinal);
}

function spans(text: string, kind: LanguageRuleKind, language = 'zh-TW'): string[] {
  return check(text, language).filter((f) => f.kind === kind).map((f) => f.text);
}

const SIMPLIFIED_ONLY = /[们说这为让问题时间会给处]/;

describe('violations in Traditional script', () => {
  it.each([
    ['這個業務無法辦理。', 'negative-wording', '無法'],
    ['我也沒辦法。', 'negative-wording', '沒辦法'],
    ['這是不可能的。', 'negative-wording', '不可能'],
    ['我們會盡快處理。', 'vague-time', '盡快'],
    ['我們會儘快處理。', 'vague-time', '儘快'],
    ['我稍後給您回電。', 'vague-time', '稍後'],
    ['晚點再聯絡您。', 'vague-time', '晚點再'],
    ['你冷靜一點。', 'feeling-denial', '你冷靜一點'],
    ['妳冷靜一點好嗎？', 'feeling-denial', '妳冷靜一點'],
    ['沒那麼嚴重。', 'feeling-denial', '沒那麼嚴重'],
    ['你別激動。', 'feeling-denial', '別激動'],
    ['我做不到。', 'negative-wording', '做不到'],
    ['請告訴我您的密碼。', 'secret-request', '告訴我您的密碼'],
    ['您的頭寸不足。', 'jargon', '頭寸'],
  ] as const)('flags %s', (text, kind, span) => {
    const found = check(text).filter((f) => f.kind === kind);
    expect(found.map((f) => f.text)).toEqual([span]);
    expect(found[0]?.polarity).toBe('violation');
  });

  it('suggests in Traditional for zh-TW and zh-HK', () => {
    for (const language of ['zh-TW', 'zh-HK', 'zh-Hant']) {
      const found = check('這個無法辦理，我稍後給您回電，你冷靜一點。', language).filter((f) => f.suggestion !== undefined);
      expect(found).toHaveLength(3);
      for (const f of found) {
        expect(f.suggestion).not.toMatch(SIMPLIFIED_ONLY);
        expect(f.suggestion).toMatch(/[們說這為讓時間會給處]/);
      }
    }
  });

  it('uses Taiwan spelling for Taiwan and Hong Kong spelling for Hong Kong', () => {
    const tw = spans('您的頭寸不足。', 'jargon').length;
    expect(tw).toBe(1);
    const twSuggestion = check('您的頭寸不足。', 'zh-TW').find((f) => f.kind === 'jargon')?.suggestion ?? '';
    const hkSuggestion = check('您的頭寸不足。', 'zh-HK').find((f) => f.kind === 'jargon')?.suggestion ?? '';
    expect(twSuggestion).toContain('帳戶裡可用的資金');
    expect(hkSuggestion).toContain('可用的資金');
    expect(hkSuggestion).toContain('裏');
  });

  it('still suggests in Simplified for zh-CN given Traditional text', () => {
    const found = check('這個無法辦理。', 'zh-CN').find((f) => f.kind === 'negative-wording');
    expect(found?.text).toBe('無法');
    expect(found?.suggestion).toContain('换成正面说法');
  });
});

describe('must not fire in Traditional script', () => {
  it.each([
    ['沒有問題，我馬上為您處理。', 'negative-wording'],
    ['沒問題。', 'negative-wording'],
    ['不會有問題的。', 'negative-wording'],
    ['我看看有沒有辦法。', 'negative-wording'],
    ['我今天下午五點前給您回電。', 'vague-time'],
    ['請稍後。', 'vague-time'],
    ['請不要把密碼告訴任何人。', 'secret-request'],
    ['請在按鍵上輸入您的密碼。', 'secret-request'],
  ] as const)('%s is no %s', (text, kind) => {
    expect(spans(text, kind)).toEqual([]);
  });
});

describe('Cantonese forms (zh-HK)', () => {
  it.each([
    ['呢個我哋冇辦法。', 'negative-wording', '冇辦法'],
    ['呢個做唔到。', 'negative-wording', '做唔到'],
    ['我遲啲再覆你。', 'vague-time', '遲啲'],
    ['你冷靜啲先。', 'feeling-denial', '你冷靜啲'],
    ['唔好咁激動。', 'feeling-denial', '唔好咁激動'],
  ] as const)('flags %s', (text, kind, span) => {
    expect(spans(text, kind, 'zh-HK')).toEqual([span]);
  });

  it('does not read 可唔可以 as a refusal', () => {
    expect(spans('可唔可以講多次？', 'negative-wording', 'zh-HK')).toEqual([]);
  });

  it('counts 唔該 and 多謝 as polite', () => {
    expect(spans('唔該你等等，多謝。', 'politeness', 'zh-HK')).toEqual(['唔該', '多謝']);
  });
});

describe('good markers in Traditional script', () => {
  it('finds the call-flow steps', () => {
    const found = check('您好，我是客服專員陳小姐，工號5821。您是說卡片遺失了，對嗎？還有什麼可以幫您？感謝來電。', 'zh-HK');
    const good = (kind: LanguageRuleKind): string[] => found.filter((f) => f.kind === kind).map((f) => f.text);
    expect(good('flow-greeting')).toEqual(['您好，我是客服專員陳小姐', '工號5821']);
    expect(good('flow-confirm')).toEqual(['您是說卡片遺失了，對嗎']);
    expect(good('flow-closing')).toEqual(['還有什麼可以幫您', '感謝來電']);
    expect(good('politeness')).toEqual(['您好', '感謝']);
  });

  it('counts canned phrases across scripts as one phrase', () => {
    const checker = createAgentLanguageChecker('zh-TW', { cannedRepeatLimit: 1 });
    expect(checker.check('您的心情我理解。', true).filter((f) => f.kind === 'canned-phrase')).toEqual([]);
    const found = checker.check('您的心情我理解。', true).filter((f) => f.kind === 'canned-phrase');
    expect(found.map((f) => f.text)).toEqual(['您的心情我理解']);
    expect(found[0]?.suggestion).toBe('換一種說法，複述客戶的具體問題，不要反覆說“您的心情我理解”。');
  });
});
