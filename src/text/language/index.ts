// The agent's language (manual §1, §2, §3, §5): rule tables as data, and a checker that applies
// them to AGENT-track utterances in zh-Hans, zh-Hant and English.

export type {
  AgentLanguageChecker,
  AgentLanguageOptions,
  JargonEntry,
  LanguageFinding,
  LanguageRule,
  LanguageRuleKind,
  LanguageRuleTable,
  LanguageSeverity,
} from './types.js';
export {
  createAgentLanguageChecker,
  defaultLanguageRules,
  warmAgentLanguageRules,
  DEFAULT_CANNED_REPEAT_LIMIT,
} from './checker.js';
export { ENGLISH_LANGUAGE_RULES, CONCRETE_TIME_EN } from './rules-en.js';
export { CHINESE_LANGUAGE_RULES, CONCRETE_TIME_ZH } from './rules-zh.js';
export { LANGUAGE_KIND_META, type LanguageKindMeta } from './kinds.js';
export { languageRuleTableSchema, languageRuleSchema, jargonEntrySchema, parseLanguageRuleTable } from './schema.js';
export {
  resolveCallLanguage,
  foldHanScripts,
  toCallScript,
  scriptCacheEntries,
  primeScriptCache,
  type CallLanguage,
  type CallScript,
  type ScriptCache,
} from './script.js';
