// The rule tables as data: they validate against the playbook schema, survive a JSON round trip,
// can be replaced by a bank's own table, and compile across scripts.

import { describe, expect, it } from 'vitest';
import {
  CHINESE_LANGUAGE_RULES,
  ENGLISH_LANGUAGE_RULES,
  LANGUAGE_KIND_META,
  createAgentLanguageChecker,
  defaultLanguageRules,
  foldHanScripts,
  parseLanguageRuleTable,
  resolveCallLanguage,
  warmAgentLanguageRules,
  type LanguageRuleTable,
} from '../../src/text/language/index.js';

describe('built-in tables', () => {
  it.each([ENGLISH_LANGUAGE_RULES, CHINESE_LANGUAGE_RULES])('validate against the schema after a JSON round trip (%#)', (table) => {
    const parsed = parseLanguageRuleTable(JSON.parse(JSON.stringify(table)));
    expect(parsed.rules).toHaveLength(table.rules.length);
  });

  it('cover every kind in both languages, with unique ids', () => {
    for (const table of [ENGLISH_LANGUAGE_RULES, CHINESE_LANGUAGE_RULES]) {
      const kinds = new Set(table.rules.map((r) => r.kind));
      if (table.jargon.length > 0) kinds.add('jargon');
      expect([...kinds].sort()).toEqual(Object.keys(LANGUAGE_KIND_META).sort());
      const ids = table.rules.map((r) => r.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it('give every violation a suggestion', () => {
    for (const table of [ENGLISH_LANGUAGE_RULES, CHINESE_LANGUAGE_RULES]) {
      for (const rule of table.rules) {
        const meta = LANGUAGE_KIND_META[rule.kind];
        if (meta.polarity === 'violation' && rule.kind !== 'canned-phrase') expect(rule.suggestion, rule.id).toBeTruthy();
      }
    }
  });
});

describe('a bank table from the playbook', () => {
  it('replaces the built-in rules', () => {
    const table: LanguageRuleTable = {
      ...defaultLanguageRules('en'),
      rules: [{ id: 'bank.negative.policy', kind: 'negative-wording', phrases: ['computer says no'], suggestion: 'Offer an option.' }],
      jargon: [],
    };
    const checker = createAgentLanguageChecker('en-GB', { rules: table });
    const found = checker.check("Sorry, computer  says no, I can't.", true);
    expect(found.map((f) => [f.ruleId, f.text, f.suggestion])).toEqual([['bank.negative.policy', 'computer  says no', 'Offer an option.']]);
  });

  it('rejects a bad pattern, naming where it is', () => {
    const bad = { ...ENGLISH_LANGUAGE_RULES, rules: [{ id: 'x', kind: 'jargon', patterns: ['(unclosed'] }] };
    expect(() => parseLanguageRuleTable(bad)).toThrow(/rules.*0.*patterns|not a valid regular expression/s);
    expect(() => createAgentLanguageChecker('en', { rules: bad as LanguageRuleTable })).toThrow(/language rule x: invalid pattern/);
  });

  it('rejects a row with nothing to match, and an unknown kind', () => {
    expect(() => parseLanguageRuleTable({ ...ENGLISH_LANGUAGE_RULES, rules: [{ id: 'y', kind: 'jargon' }] })).toThrow();
    expect(() => parseLanguageRuleTable({ ...ENGLISH_LANGUAGE_RULES, rules: [{ id: 'z', kind: 'rudeness', phrases: ['x'] }] })).toThrow();
  });

  it('keeps canned-phrase counts per call even though compiled tables are shared', () => {
    const a = createAgentLanguageChecker('zh-CN', { cannedRepeatLimit: 1 });
    const b = createAgentLanguageChecker('zh-CN', { cannedRepeatLimit: 1 });
    a.check('请您放心。', true);
    expect(b.check('请您放心。', true).filter((f) => f.kind === 'canned-phrase')).toEqual([]);
    expect(a.check('请您放心。', true).filter((f) => f.kind === 'canned-phrase')).toHaveLength(1);
  });

  it('rejects a negative repeat limit', () => {
    expect(() => createAgentLanguageChecker('en', { cannedRepeatLimit: -1 })).toThrow(/cannedRepeatLimit/);
  });
});

describe('warming at boot', () => {
  it('makes the next Chinese checker cheap to create', () => {
    warmAgentLanguageRules([], ['zh-HK']);
    const t0 = performance.now();
    const checker = createAgentLanguageChecker('zh-HK');
    expect(performance.now() - t0).toBeLessThan(50);
    expect(checker.check('沒辦法。', true).map((f) => f.kind)).toEqual(['negative-wording']);
  });
});

describe('call language', () => {
  it.each([
    ['zh-CN', 'zh', 'zh-Hans', 'cn'],
    ['zh-Hans-SG', 'zh', 'zh-Hans', 'cn'],
    ['zh', 'zh', 'zh-Hans', 'cn'],
    ['zh-TW', 'zh', 'zh-Hant', 'tw'],
    ['zh-Hant', 'zh', 'zh-Hant', 'tw'],
    ['zh-HK', 'zh', 'zh-Hant', 'hk'],
    ['zh-Hant-HK', 'zh', 'zh-Hant', 'hk'],
    ['zh-Hans-HK', 'zh', 'zh-Hans', 'cn'],
    ['yue', 'zh', 'zh-Hant', 'hk'],
    ['en-US', 'en', 'en', 'cn'],
    ['fr-FR', 'en', 'en', 'cn'],
  ])('%s → %s table, %s', (tag, table, script, variant) => {
    expect(resolveCallLanguage(tag)).toEqual({ table, script, variant });
  });
});

describe('script folding', () => {
  it('matches both scripts and keeps regex syntax intact', () => {
    const re = new RegExp(`^${foldHanScripts('(?:稍后|[你您]冷静)一点?$')}`);
    for (const ok of ['稍后一点', '稍後一點', '你冷靜一', '妳冷静一點']) expect(re.test(ok), ok).toBe(true);
    expect(re.test('稍候一点')).toBe(false);
    expect(foldHanScripts('\\d+ abc')).toBe('\\d+ abc');
  });

  it('folds the variant spellings OpenCC does not produce from Simplified', () => {
    const re = new RegExp(foldHanScripts('尽快|账号'));
    for (const ok of ['盡快', '儘快', '帳號', '賬號', '帐号']) expect(re.test(ok), ok).toBe(true);
  });
});
