// The zod schema of a rule table, for banks that override the built-in tables from their
// playbook: validates shape and that every regex source compiles, naming the row that fails.

import { z } from 'zod';
import type { LanguageRuleTable } from './types.js';

const KINDS = [
  'negative-wording',
  'vague-time',
  'jargon',
  'canned-phrase',
  'feeling-denial',
  'secret-request',
  'politeness',
  'flow-greeting',
  'flow-confirm',
  'flow-closing',
] as const;

const regexSource = z.string().min(1).refine(
  (source) => {
    try {
      new RegExp(source);
      return true;
    } catch {
      return false;
    }
  },
  { message: 'not a valid regular expression' },
);

export const languageRuleSchema = z
  .object({
    id: z.string().min(1),
    kind: z.enum(KINDS),
    phrases: z.array(z.string().min(1)).optional(),
    patterns: z.array(regexSource).optional(),
    unlessPrecededBy: regexSource.optional(),
    unlessFollowedBy: regexSource.optional(),
    caseSensitive: z.boolean().optional(),
    suggestion: z.string().optional(),
    severity: z.enum(['info', 'warning', 'critical']).optional(),
  })
  .refine((r) => (r.phrases?.length ?? 0) + (r.patterns?.length ?? 0) > 0, {
    message: 'a rule needs at least one phrase or pattern',
  });

export const jargonEntrySchema = z.object({ term: z.string().min(1), plain: z.string().optional() });

export const languageRuleTableSchema = z.object({
  language: z.enum(['en', 'zh']),
  rules: z.array(languageRuleSchema),
  jargon: z.array(jargonEntrySchema),
  jargonSuggestion: z.object({ withPlain: z.string(), withoutPlain: z.string() }),
  cannedSuggestion: z.string(),
});

/** Validates a table from outside (a playbook); throws a zod error that names the bad path. */
export function parseLanguageRuleTable(input: unknown): LanguageRuleTable {
  return languageRuleTableSchema.parse(input);
}
