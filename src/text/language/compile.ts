// Turns a rule table (data) into precompiled matchers for one call language. Runs once per
// checker; the per-utterance path only executes the RegExps built here.

import { LANGUAGE_KIND_META, type LanguageKindMeta } from './kinds.js';
import { foldHanScripts, toCallScript, type CallLanguage } from './script.js';
import type { JargonEntry, LanguageRule, LanguageRuleTable } from './types.js';

export interface CompiledRule {
  rule: LanguageRule;
  meta: LanguageKindMeta;
  /** Global matcher; callers reset lastIndex before use. */
  matcher: RegExp;
  /** Tested against the text just before a match, anchored at its end. */
  precededBy?: RegExp;
  /** Tested against the text just after a match, anchored at its start. */
  followedBy?: RegExp;
  /** Already in the call's script; may contain `{phrase}` (canned) placeholders. */
  suggestion?: string;
}

/** How far the guards look either side of a match, in UTF-16 units. */
export const GUARD_WINDOW = 48;

const REGEX_SPECIALS = /[.*+?^${}()|[\]\\]/g;
const WORD_CHAR = /[A-Za-z0-9_]/;

/** Literal phrase → regex source: whitespace-tolerant, whole words at Latin edges. */
export function phraseToSource(phrase: string): string {
  const trimmed = phrase.trim();
  const body = trimmed
    .split(/\s+/)
    .map((w) => w.replace(REGEX_SPECIALS, '\\$&'))
    .join('\\s+');
  const head = WORD_CHAR.test(trimmed[0] ?? '') ? '\\b' : '';
  const tail = WORD_CHAR.test(trimmed[trimmed.length - 1] ?? '') ? '\\b' : '';
  return head + body + tail;
}

function compileSource(source: string, flags: string, ruleId: string, what: string): RegExp {
  try {
    return new RegExp(source, flags);
  } catch (err) {
    throw new Error(`language rule ${ruleId}: invalid ${what}: ${(err as Error).message}`);
  }
}

/** One rule row → its matcher, with Han characters folded across scripts. */
export function compileRule(rule: LanguageRule, lang: CallLanguage): CompiledRule {
  const alternatives = [...(rule.phrases ?? []).map(phraseToSource), ...(rule.patterns ?? [])];
  if (alternatives.length === 0) throw new Error(`language rule ${rule.id}: needs phrases or patterns`);
  const flags = rule.caseSensitive === true ? '' : 'i';
  const fold = (s: string): string => foldHanScripts(s);
  const source = alternatives.map((a) => `(?:${fold(a)})`).join('|');
  const compiled: CompiledRule = {
    rule,
    meta: LANGUAGE_KIND_META[rule.kind],
    matcher: compileSource(source, `g${flags}`, rule.id, 'pattern'),
  };
  if (rule.unlessPrecededBy !== undefined) {
    compiled.precededBy = compileSource(`(?:${fold(rule.unlessPrecededBy)})$`, flags, rule.id, 'unlessPrecededBy');
  }
  if (rule.unlessFollowedBy !== undefined) {
    compiled.followedBy = compileSource(`^(?:${fold(rule.unlessFollowedBy)})`, flags, rule.id, 'unlessFollowedBy');
  }
  if (rule.suggestion !== undefined) compiled.suggestion = toCallScript(rule.suggestion, lang);
  return compiled;
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (m, key: string) => values[key] ?? m);
}

/**
 * The table's default jargon merged with a bank's list (same term, case-insensitive: the bank's
 * entry wins), as jargon rows. All-capital acronyms match case-sensitively ('BIN' ≠ 'bin').
 */
export function jargonRules(table: LanguageRuleTable, bankJargon: readonly JargonEntry[] = []): LanguageRule[] {
  const merged = new Map<string, JargonEntry>();
  for (const entry of [...table.jargon, ...bankJargon]) {
    const term = entry.term.trim();
    if (term.length > 0) merged.set(term.toLowerCase(), { ...entry, term });
  }
  return [...merged.values()].map((entry) => {
    const plain = entry.plain?.trim();
    const template = plain ? table.jargonSuggestion.withPlain : table.jargonSuggestion.withoutPlain;
    return {
      id: `${table.language}.jargon.${entry.term}`,
      kind: 'jargon' as const,
      phrases: [entry.term],
      caseSensitive: /^[A-Z0-9&\s-]+$/.test(entry.term) && /[A-Z]/.test(entry.term),
      suggestion: fill(template, { term: entry.term, plain: plain ?? '' }),
    };
  });
}

/** Every row of the table plus jargon rows, compiled for the call's language and script. */
export function compileTable(
  table: LanguageRuleTable,
  lang: CallLanguage,
  bankJargon?: readonly JargonEntry[],
): { rules: CompiledRule[]; cannedSuggestion: string } {
  const rows = [...table.rules, ...jargonRules(table, bankJargon)];
  const ids = new Set<string>();
  for (const row of rows) {
    if (ids.has(row.id)) throw new Error(`language rule ${row.id}: duplicate id`);
    ids.add(row.id);
  }
  return {
    rules: rows.map((row) => compileRule(row, lang)),
    cannedSuggestion: toCallScript(table.cannedSuggestion, lang),
  };
}

export { fill as fillTemplate };
