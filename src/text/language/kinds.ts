// What each kind of agent-language rule means: its polarity, default severity and the manual
// section it encodes. Kept apart from the tables so a bank's table cannot re-cite the manual.

import type { LanguageRuleKind, LanguageSeverity } from './types.js';

export interface LanguageKindMeta {
  polarity: 'violation' | 'good';
  severity: LanguageSeverity;
  section: string;
  rule: string;
}

export const LANGUAGE_KIND_META: Readonly<Record<LanguageRuleKind, LanguageKindMeta>> = Object.freeze({
  'negative-wording': {
    polarity: 'violation',
    severity: 'warning',
    section: '§2',
    rule: 'manual §2 sensitive-vocabulary: negative words',
  },
  'vague-time': {
    polarity: 'violation',
    severity: 'warning',
    section: '§2',
    rule: 'manual §2 sensitive-vocabulary: vague promises',
  },
  jargon: {
    polarity: 'violation',
    severity: 'info',
    section: '§2',
    rule: 'manual §2 sensitive-vocabulary: jargon (§1 clear and concise: avoid jargon)',
  },
  'canned-phrase': {
    polarity: 'violation',
    severity: 'warning',
    section: '§2',
    rule: 'manual §2 sensitive-vocabulary: too many canned phrases (套話)',
  },
  'feeling-denial': {
    polarity: 'violation',
    severity: 'warning',
    section: '§3',
    rule: "manual §3 empathy: never deny the caller's feelings",
  },
  'secret-request': {
    polarity: 'violation',
    severity: 'critical',
    section: '§5',
    rule: 'manual §5 confidentiality: never ask for a full password or PIN',
  },
  politeness: {
    polarity: 'good',
    severity: 'info',
    section: '§1',
    rule: 'manual §1 polite phrases (禮貌用語)',
  },
  'flow-greeting': {
    polarity: 'good',
    severity: 'info',
    section: '§2',
    rule: 'manual §2 standard response flow: (1) greeting and self-introduction',
  },
  'flow-confirm': {
    polarity: 'good',
    severity: 'info',
    section: '§2',
    rule: 'manual §2 standard response flow: (2) understand and confirm (§1 confirm understanding)',
  },
  'flow-closing': {
    polarity: 'good',
    severity: 'info',
    section: '§2',
    rule: 'manual §2 standard response flow: (4) close and thank the caller',
  },
});
