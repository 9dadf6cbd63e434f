// The agent-language checker: applies a compiled rule table to AGENT-track utterances only.
// Callers must never feed it the caller's track — "I can't pay", 「冷静一点」 or "what is my PIN"
// from a caller are not the agent's wording, and the rules assume the speaker is the agent.
// Stateful per call only for canned-phrase counts (manual §2 套話), counted on final utterances.

import { compileTable, fillTemplate, GUARD_WINDOW, type CompiledRule } from './compile.js';
import { CHINESE_LANGUAGE_RULES } from './rules-zh.js';
import { ENGLISH_LANGUAGE_RULES } from './rules-en.js';
import { normalizeForMatching, resolveCallLanguage, type CallLanguage } from './script.js';
import type {
  AgentLanguageChecker,
  AgentLanguageOptions,
  JargonEntry,
  LanguageFinding,
  LanguageRuleTable,
} from './types.js';

export const DEFAULT_CANNED_REPEAT_LIMIT = 3;

/** The built-in table for a call language ('en' or 'zh'): a starting point for a playbook. */
export function defaultLanguageRules(table: 'en' | 'zh'): LanguageRuleTable {
  return table === 'zh' ? CHINESE_LANGUAGE_RULES : ENGLISH_LANGUAGE_RULES;
}

interface RawMatch {
  compiled: CompiledRule;
  start: number;
  end: number;
}

function vetoed(c: CompiledRule, text: string, start: number, end: number): boolean {
  if (c.precededBy !== undefined && c.precededBy.test(text.slice(Math.max(0, start - GUARD_WINDOW), start))) return true;
  if (c.followedBy !== undefined && c.followedBy.test(text.slice(end, end + GUARD_WINDOW))) return true;
  return false;
}

function collect(rules: readonly CompiledRule[], text: string, out: RawMatch[]): void {
  for (const compiled of rules) {
    const re = compiled.matcher;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      const start = m.index;
      const end = start + m[0].length;
      if (end === start) {
        re.lastIndex += 1;
        continue;
      }
      if (!vetoed(compiled, text, start, end)) out.push({ compiled, start, end });
    }
  }
}

/** Within one kind, overlapping matches are one finding: keep the earliest, then the longest. */
function dedupe(matches: RawMatch[]): RawMatch[] {
  matches.sort((a, b) => a.start - b.start || b.end - a.end);
  const lastEndByKind = new Map<string, number>();
  const kept: RawMatch[] = [];
  for (const m of matches) {
    const kind = m.compiled.rule.kind;
    const lastEnd = lastEndByKind.get(kind) ?? -1;
    if (m.start < lastEnd) continue;
    lastEndByKind.set(kind, m.end);
    kept.push(m);
  }
  return kept;
}

// Compiling a Chinese table folds every pattern across scripts (~4 ms): do it once per table,
// script variant and jargon list, not once per call. The RegExps are shared, which is safe
// because check() is synchronous and resets lastIndex before each use.
const compiledTables = new WeakMap<LanguageRuleTable, Map<string, CompiledTable>>();
type CompiledTable = ReturnType<typeof compileTable>;

function compiledFor(table: LanguageRuleTable, lang: CallLanguage, jargon?: readonly JargonEntry[]): CompiledTable {
  let byKey = compiledTables.get(table);
  if (byKey === undefined) {
    byKey = new Map();
    compiledTables.set(table, byKey);
  }
  const key = `${lang.variant}\u0000${JSON.stringify(jargon ?? [])}`;
  const cached = byKey.get(key);
  if (cached !== undefined) return cached;
  const compiled = compileTable(table, lang, jargon);
  // Bounded: per-bank jargon lists are few; a runaway caller must not grow this forever.
  if (byKey.size >= 64) byKey.clear();
  byKey.set(key, compiled);
  return compiled;
}

/**
 * Builds the script converters and compiled tables ahead of the first call (the first Chinese
 * checker otherwise pays ~0.2-0.4 s loading OpenCC dictionaries). Call once at boot, with the
 * configured jargon (the calls' key: a table compiled without it would be compiled again).
 */
export function warmAgentLanguageRules(jargon: readonly JargonEntry[] = [], languages: readonly string[] = ['zh-CN', 'zh-TW', 'zh-HK', 'en']): void {
  for (const language of languages) {
    const lang = resolveCallLanguage(language);
    compiledFor(defaultLanguageRules(lang.table), lang, jargon);
  }
}

/**
 * A checker for one call. `language` is the call's BCP-47 tag: zh-CN → Simplified rules and
 * suggestions, zh-TW/zh-HK → the same rules with Traditional suggestions, en-* (and anything
 * unrecognised) → English.
 */
export function createAgentLanguageChecker(language: string, options: AgentLanguageOptions = {}): AgentLanguageChecker {
  const lang = resolveCallLanguage(language);
  const table = options.rules ?? defaultLanguageRules(lang.table);
  const { rules, cannedSuggestion } = compiledFor(table, lang, options.jargon);
  const limit = options.cannedRepeatLimit ?? DEFAULT_CANNED_REPEAT_LIMIT;
  if (!Number.isInteger(limit) || limit < 0) throw new Error(`cannedRepeatLimit must be a whole number ≥ 0, got ${limit}`);
  const cannedCounts = new Map<string, number>();
  const matches: RawMatch[] = [];

  return {
    check(text: string, isFinal: boolean): LanguageFinding[] {
      if (text.length === 0) return [];
      const normalized = normalizeForMatching(text);
      matches.length = 0;
      collect(rules, normalized, matches);
      const findings: LanguageFinding[] = [];
      for (const m of dedupe(matches)) {
        const { rule, meta } = m.compiled;
        const span = text.slice(m.start, m.end);
        let suggestion = m.compiled.suggestion;
        if (rule.kind === 'canned-phrase') {
          if (!isFinal) continue;
          const count = (cannedCounts.get(rule.id) ?? 0) + 1;
          cannedCounts.set(rule.id, count);
          if (count <= limit) continue;
          suggestion = fillTemplate(suggestion ?? cannedSuggestion, { phrase: span });
        }
        const finding: LanguageFinding = {
          kind: rule.kind,
          polarity: meta.polarity,
          text: span,
          start: m.start,
          end: m.end,
          rule: meta.rule,
          section: meta.section,
          severity: rule.severity ?? meta.severity,
          ruleId: rule.id,
        };
        if (suggestion !== undefined) finding.suggestion = suggestion;
        findings.push(finding);
      }
      return findings;
    },
  };
}
