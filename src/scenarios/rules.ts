// The prompt rule ids the scenarios may name — the contract with the playbook (manual §1–5) — and
// how an expectation pattern ("empathy.*", "language.jargon") matches a rule id.

/** Every rule id a `prompt` event may carry, as agreed with the playbook. */
export const PROMPT_RULE_IDS = [
  'empathy.onset.anger',
  'empathy.onset.anxiety',
  'empathy.onset.disappointment',
  'deescalation.anger.persisting',
  'escalation.primary',
  'escalation.intermediate',
  'escalation.advanced',
  'compliance.account-before-verification',
  'compliance.secret-request',
  'language.negative-wording',
  'language.vague-time',
  'language.jargon',
  'language.canned-phrase',
  'language.feeling-denial',
  'coaching.too-fast',
  'coaching.too-loud',
  'coaching.too-quiet',
  'coaching.talk-over',
  'coaching.confirm-understanding',
] as const;

export type PromptRuleId = (typeof PROMPT_RULE_IDS)[number];

/** Rule families whose prompts mean "the caller is emotional": a calm call must raise none. */
export const EMOTION_RULE_PATTERNS = ['empathy.*', 'deescalation.*', 'escalation.*'] as const;

/** An exact rule id, or a prefix ending in ".*" ("empathy.*" matches "empathy.onset.anger"). */
export function ruleMatches(pattern: string, ruleId: string): boolean {
  if (pattern.endsWith('.*')) return ruleId.startsWith(pattern.slice(0, -1));
  return pattern === ruleId;
}

export function matchesAny(patterns: readonly string[], ruleId: string): boolean {
  return patterns.some((p) => ruleMatches(p, ruleId));
}

/** Whether a pattern can match any rule of the contract (catches typos in scenario files). */
export function isKnownRulePattern(pattern: string): boolean {
  return PROMPT_RULE_IDS.some((id) => ruleMatches(pattern, id));
}
