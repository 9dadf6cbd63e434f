// The last few digits of an identifier, read out on their own: "the last four are 4 5 6 7",
// 「身份证后四位是四五六七」. Four digits alone are no card and no ID, but the last four of an ID
// (a national ID, an SSN, a passport) are what a bank verifies a caller with, so they are hidden
// (kind 'digits') — and so are last digits said with no word for what they end, on the safe side.
// The last four of a card, an account or a phone number stay, as banks show them masked (the
// card placeholder keeps them too), and so do the last digits of a transaction or case reference.

import { contextFor, type ContextHit } from './context.js';
import { spanOfDigits, type DigitRun } from './digits.js';

const COUNT = '(?:two|three|four|five|six|[2-6])';
const ZH_COUNT = '[二两兩三四五六2-6]';
const LEAD = new RegExp(
  [
    // "the last four (digits) (of my social security number) are"
    `\\b(?:last|final)(?:\\s+${COUNT})?(?:\\s+(?:digits?|numbers?))?(?:\\s+of\\s+(?:my|the|your|his|her|our)\\s+(?:[\\w-]+\\s+){0,3}?(?:number|no\\.?|card|ID|[\\w-]+)(?=\\s+(?:are|is|were|was)\\b|\\s*:|\\s+\\d))?\\s*(?:(?:are|is|were|was)\\b|:)?`,
    '\\bend(?:s|ing|ed)?\\s+(?:in|with)\\b|\\bending\\b',
    `(?:后|後|末|最后|最後)\\s*${ZH_COUNT}\\s*位(?:[数數]字|[号號][码碼])?(?:是|为|為|係|[：:])?`,
    '尾[号號数數](?:是|为|為|係|[：:])?',
  ].join('|'),
  'gi',
);
/** A reference, not a person: the last digits of these may be read back freely. */
const REFERENCE = /\b(?:reference|ref|transaction|order|case|ticket|claim|tracking|invoice|receipt|parcel)\b|参考|參考|流水|[订訂]单|[订訂]單|工[单單]|交易|[单單][号號]|案件|[个個]案|快[递遞]/i;
/** A card's, an account's or a phone's last four stay visible, as on the bank's own screens. */
export const SHOWN = /\b(?:cards?|account|acct|phone|mobile|cell)\b|卡|[账帳賬][户戶号號]|[户戶]口|手[机機]|[电電][话話]/i;
export const ID = /\b(?:ID|identity|passport|SSN|social\s+security)\b|身[份分]|[证證]件|护照|護照/i;
const NEAR_CHARS = 32;
const NEAR_AFTER_CHARS = 8;
/** How far after the lead the digits may start: "are, um, 4 5 6 7" is as far as it goes. */
const GAP_CHARS = 8;
const MIN_DIGITS = 2;
const MAX_DIGITS = 6;

/** Spans of last-digit groups said after a "last four" lead, in order. `isQuantity` rules out "the last 24 hours". */
export function findLastDigits(
  text: string,
  runs: readonly DigitRun[],
  hits: readonly ContextHit[],
  isQuantity: (run: DigitRun) => boolean,
): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  LEAD.lastIndex = 0;
  for (let m = LEAD.exec(text); m !== null; m = LEAD.exec(text)) {
    const leadEnd = m.index + m[0].length;
    const run = runs.find((r) => r.end > leadEnd && r.tokens.some((t) => t.start >= leadEnd));
    if (run === undefined) continue;
    // "last four 4 5 6 7" joins the count to the digits: only the tokens after the lead count.
    const skipped = run.tokens.filter((t) => t.start < leadEnd).reduce((n, t) => n + t.digits.length, 0);
    const span = spanOfDigits(run, skipped, run.digits.length);
    const n = run.digits.length - skipped;
    if (span === null || span.start - leadEnd > GAP_CHARS || n < MIN_DIGITS || n > MAX_DIGITS) continue;
    if (isQuantity(run)) continue;
    const around = text.slice(Math.max(0, m.index - NEAR_CHARS), Math.min(text.length, span.end + NEAR_AFTER_CHARS));
    if (REFERENCE.test(around)) continue;
    const ctx = contextFor(hits, span.start, span.end);
    if (ctx === 'card' || ctx === 'account' || ctx === 'phone' || (ctx !== 'id' && SHOWN.test(around) && !ID.test(around))) continue;
    out.push(span);
  }
  return out;
}
