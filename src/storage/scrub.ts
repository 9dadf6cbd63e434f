// Defence in depth before anything is written (manual §5 信息安全保密): transcripts arrive already
// redacted, but every free-text string of an event — utterances, quotes, evidence, titles, and
// fields of event kinds this code has never seen — is redacted again. Only structural fields
// (ids, enums, timestamps) are left alone, so a new free-text field is redacted by default.

import { redact } from '../text/privacy/index.js';

/** Fields that hold identifiers, enumerations or timestamps, never anything a person said. */
const STRUCTURAL = new Set([
  'type',
  'callId',
  'agentId',
  'promptId',
  'rule',
  'ruleId',
  'kind',
  'at',
  'startedAt',
  'expiresAt',
  'section',
  'track',
  'label',
  'trend',
  'level',
  'tier',
  'severity',
  'polarity',
  'action',
  'source',
  'language',
  'reason',
  'id',
  'redacted',
  'sources',
  'tracks',
]);

// NUL cannot be stored in a PostgreSQL text or jsonb value, nor can half a surrogate pair (a
// broken recogniser's output): either would make every retry of the write fail.
const NUL = /\u0000/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** A string any store accepts: NUL dropped, a lone surrogate replaced by U+FFFD. */
export function storable(s: string): string {
  const noNul = s.includes('\u0000') ? s.replace(NUL, '') : s;
  return noNul.replace(LONE_SURROGATE, '\uFFFD');
}

/** A deep copy of value with every free-text string redacted (and made storable). */
export function scrub(value: unknown, key?: string): unknown {
  if (typeof value === 'string') {
    const s = storable(value);
    return key !== undefined && STRUCTURAL.has(key) ? s : redact(s).text;
  }
  if (Array.isArray(value)) return value.map((v) => scrub(v, key));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = scrub(v, k);
    return out;
  }
  return value;
}
