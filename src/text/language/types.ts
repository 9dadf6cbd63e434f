// The shapes of the agent-language rules (manual §1, §2, §3, §5) and of what the checker reports.
// Rule tables are plain data — strings, not RegExp objects — so a bank's playbook can ship its own
// table as JSON/YAML and have it validated by `languageRuleTableSchema`.

export type LanguageRuleKind =
  | 'negative-wording'
  | 'vague-time'
  | 'jargon'
  | 'canned-phrase'
  | 'feeling-denial'
  | 'secret-request'
  | 'politeness'
  | 'flow-greeting'
  | 'flow-confirm'
  | 'flow-closing';

export type LanguageSeverity = 'info' | 'warning' | 'critical';

export interface LanguageFinding {
  kind: LanguageRuleKind;
  polarity: 'violation' | 'good';
  /** The matched span, as it appears in the utterance. */
  text: string;
  /** UTF-16 offsets into the utterance. */
  start: number;
  end: number;
  /** Human-readable citation, e.g. 'manual §2 sensitive-vocabulary: negative words'. */
  rule: string;
  /** The manual section, e.g. '§2'. */
  section: string;
  /** A rewrite hint in the call's language and script. */
  suggestion?: string;
  severity: LanguageSeverity;
  /** Stable id of the table row that matched (for playbook overrides and QA statistics). */
  ruleId: string;
}

/** One entry of a jargon list: the term to avoid and, when known, the plain words to use. */
export interface JargonEntry {
  term: string;
  plain?: string;
}

/**
 * One row of a rule table. A row matches when any phrase or pattern matches and neither guard
 * vetoes the match.
 */
export interface LanguageRule {
  /** Stable id, e.g. 'en.negative.impossible'. Canned-phrase repeats are counted per id. */
  id: string;
  kind: LanguageRuleKind;
  /**
   * Literal phrases. Case-insensitive; any run of spaces matches any whitespace; Latin phrases
   * match whole words; Han characters match Simplified and Traditional forms alike.
   */
  phrases?: readonly string[];
  /** Regular-expression sources (no delimiters, no flags) for shapes a phrase cannot express. */
  patterns?: readonly string[];
  /** Veto when the text just before the match ends with this (regex source). */
  unlessPrecededBy?: string;
  /** Veto when the text just after the match starts with this (regex source). */
  unlessFollowedBy?: string;
  /** Match case-sensitively (acronyms such as 'BIN' must not match the word 'bin'). */
  caseSensitive?: boolean;
  /** Rewrite hint; for Chinese tables write it in Simplified: it is converted for zh-TW/zh-HK. */
  suggestion?: string;
  /** Overrides the kind's default severity. */
  severity?: LanguageSeverity;
}

/** A per-language rule table: what a bank overrides through its playbook. */
export interface LanguageRuleTable {
  /** 'zh' tables are written once (in Simplified) and serve zh-CN, zh-TW and zh-HK calls. */
  language: 'en' | 'zh';
  rules: readonly LanguageRule[];
  /** Default jargon for this language; per-bank entries are merged over it. */
  jargon: readonly JargonEntry[];
  /** Suggestion templates for jargon rows; `{term}` and `{plain}` are substituted. */
  jargonSuggestion: { withPlain: string; withoutPlain: string };
  /** Suggestion template for canned phrases; `{phrase}` is the matched text. */
  cannedSuggestion: string;
}

export interface AgentLanguageOptions {
  /** Per-bank jargon, merged over the table's default list (same term, case-insensitive: bank wins). */
  jargon?: readonly JargonEntry[];
  /** A canned phrase is flagged once it has been said more than this many times in the call. */
  cannedRepeatLimit?: number;
  /** A whole replacement table (e.g. from the bank's playbook); defaults to the built-in one. */
  rules?: LanguageRuleTable;
}

export interface AgentLanguageChecker {
  /**
   * Findings for one agent-track utterance, in order of position. Canned phrases are counted and
   * reported on final utterances only, since partials repeat and get revised.
   */
  check(text: string, isFinal: boolean): LanguageFinding[];
}
