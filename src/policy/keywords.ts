// Keyword evidence from the playbook (complaint, manager, regulator, verification, account details):
// English as whole words, case-insensitive; Chinese in either script (the pattern is folded so 投诉
// also finds 投訴). Compiled once per playbook version and script.

import { foldHanScripts, type CallLanguage } from '../text/language/script.js';
import type { Playbook } from './schema.js';

export type KeywordSet = keyof Playbook['keywords'];

export interface KeywordMatcher {
  /** The phrases of the set found in the text, in order. */
  find(set: KeywordSet, text: string): string[];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const cache = new WeakMap<Playbook, Map<string, KeywordMatcher>>();

export function keywordMatcher(playbook: Playbook, lang: CallLanguage): KeywordMatcher {
  let byTable = cache.get(playbook);
  if (!byTable) cache.set(playbook, (byTable = new Map()));
  const hit = byTable.get(lang.table);
  if (hit) return hit;
  const compiled = new Map<KeywordSet, RegExp>();
  for (const set of Object.keys(playbook.keywords) as KeywordSet[]) {
    const list = playbook.keywords[set];
    // Chinese calls often carry English words (PIN, FCA): match both lists there.
    const phrases = lang.table === 'zh' ? [...list['zh-Hans'], ...(list['zh-Hant'] ?? []), ...list.en] : list.en;
    const parts = phrases.map((p) => (/[\u3400-\u9fff]/.test(p) ? foldHanScripts(escape(p)) : `\\b${escape(p)}\\b`));
    compiled.set(set, new RegExp(parts.join('|'), 'gi'));
  }
  const matcher: KeywordMatcher = {
    find(set, text) {
      const re = compiled.get(set)!;
      re.lastIndex = 0;
      return [...text.matchAll(re)].map((m) => m[0]);
    },
  };
  byTable.set(lang.table, matcher);
  return matcher;
}
