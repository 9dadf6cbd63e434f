// redact(): finds personal data in one utterance (or any string) and replaces each item with a
// typed placeholder — [CARD ****1234] keeps the last four digits, as banks show them; everything
// else keeps nothing. Pure and synchronous: safe on every transcript message.

import { findAddresses } from './address.js';
import { findBirthDates, findExpiryDates } from './dates.js';
import { findEmails } from './email.js';
import { findContexts } from './context.js';
import { detectNumbers, isQuantity, type Detection } from './detect.js';
import { findDigitRuns } from './digits.js';
import { findLastDigits } from './last-digits.js';
import { findSecretValues } from './secrets.js';
import type { PiiKind, Redaction, RedactionResult } from './types.js';

const PLACEHOLDER: Readonly<Record<PiiKind, string>> = {
  card: '[CARD]',
  'cn-id': '[ID]',
  'hk-id': '[ID]',
  'tw-id': '[ID]',
  account: '[ACCOUNT]',
  cvv: '[CVV]',
  otp: '[OTP]',
  password: '[PASSWORD]',
  phone: '[PHONE]',
  dob: '[DOB]',
  secret: '[SECRET]',
  address: '[ADDRESS]',
  expiry: '[EXPIRY]',
  email: '[EMAIL]',
  digits: '[DIGITS]',
};

export function placeholderFor(kind: PiiKind, last4?: string): string {
  return kind === 'card' && last4 !== undefined ? `[CARD ****${last4}]` : PLACEHOLDER[kind];
}

// Cheap pre-check: text with no digit, no spoken digit and none of the describing words needs no work.
const MAYBE_PII = /[0-9\uff10-\uff19零〇洞一幺么二两兩三四五六七八九十]|zero|one|two|three|four|five|six|seven|eight|nine|\boh?\b|ty\b|teen|pass|pin|密[码碼]|birth|born|d\.?o\.?b|生日|出生|出世|生辰|memorable|maiden|answer|答案|姓|address|live|post|zip|地址|住|[邮郵]|@|艾特|\bat\b|exp|valid|thru|有效期|到期|[过過]期/i;

/** The redactions for a text, sorted and non-overlapping (the earlier, then the longer, wins). */
export function findRedactions(text: string): Redaction[] {
  if (!MAYBE_PII.test(text)) return [];
  const runs = findDigitRuns(text);
  const secrets = findSecretValues(text, runs);
  const hits = findContexts(text);
  const found: Detection[] = [...secrets];
  for (const d of findBirthDates(text)) found.push({ kind: 'dob', ...d });
  for (const d of findExpiryDates(text)) found.push({ kind: 'expiry', ...d });
  for (const d of findEmails(text)) found.push({ kind: 'email', ...d });
  // Both need a number: a house or flat number, a postcode's digits, the last digits themselves.
  if (runs.length > 0) {
    for (const d of findAddresses(text)) found.push({ kind: 'address', ...d });
    for (const d of findLastDigits(text, runs, hits, (run) => isQuantity(text, run))) found.push({ kind: 'digits', ...d });
  }
  for (const d of detectNumbers(text, runs, hits)) found.push(d);
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Redaction[] = [];
  let lastEnd = 0;
  for (const d of found) {
    if (d.start < lastEnd) continue;
    out.push({ kind: d.kind, start: d.start, end: d.end, replacement: placeholderFor(d.kind, d.last4) });
    lastEnd = d.end;
  }
  return out;
}

/** Applies sorted, non-overlapping redactions to the text they were found in. */
export function applyRedactions(text: string, redactions: readonly Redaction[]): string {
  if (redactions.length === 0) return text;
  let out = '';
  let at = 0;
  for (const r of redactions) {
    out += text.slice(at, r.start) + r.replacement;
    at = r.end;
  }
  return out + text.slice(at);
}

/**
 * Redacts card numbers, mainland and Hong Kong ID numbers, account numbers, CVVs, one-time
 * codes, passwords/PINs, security answers, addresses, phone numbers, e-mail addresses, dates of
 * birth, card expiry dates and the last digits of an ID, written or spoken, in English or Chinese.
 * `language` (BCP-47) is accepted for symmetry with the other text stages but does not narrow
 * the rules: callers in Hong Kong and mainland China often read numbers in English, and English
 * speakers spell Chinese account words, so every rule applies to every call.
 */
export function redact(text: string, language?: string): RedactionResult {
  void language;
  const redactions = findRedactions(text);
  return { text: applyRedactions(text, redactions), redactions };
}
