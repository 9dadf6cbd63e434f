// Decides what each digit run is: a card (Luhn), a mainland or Hong Kong ID (check digits), or —
// only with a describing keyword nearby — an account number, CVV, one-time code, PIN or phone.
// Amounts ("$1,234.56", 「五千块」), dates and times are never redacted as context kinds.
// Phone numbers: a mainland mobile (1[3-9] + 9 digits) or a '+' international number is redacted
// on its shape alone; other local numbers (8-digit HK, US 10-digit) only next to a phone word, since
// bare they are indistinguishable from reference numbers, amounts and dates.

import { cnIdValid, hkIdValid, luhnValid, twIdValid } from './checksums.js';
import { contextFor, type ContextHit, type ContextKind } from './context.js';
import { spanOfDigits, type DigitRun } from './digits.js';
import type { PiiKind } from './types.js';

export interface Detection {
  kind: PiiKind;
  start: number;
  end: number;
  /** Last four digits, for cards. */
  last4?: string;
}

const CURRENCY_BEFORE = /(?:[$¥￥€£]|HK\$|US\$|NT\$|RMB|HKD|USD|CNY|EUR)\s*$/i;
const UNIT_AFTER =
  /^\s*(?:[元块塊蚊万萬千百毛角%点點号號月日年岁歲个個笔筆次张張]|(?:dollars?|bucks|cents?|hkd|usd|rmb|yuan|percent|pounds?|euros?|years?|months?|days?|minutes?|hours?|am|pm|a\.m|p\.m)\b)/i;
const X_AFTER = /^[\s-]*(?:[Xx](?![A-Za-z])|叉|艾克斯|\bex\b)/;
// Case-sensitive: ID letters are capitals, and "is 1234563" must not read as I S + digits.
const HK_LETTERS_BEFORE = /(?:^|[^A-Za-z])([A-Z]{1,2})[\s-]?$/;
const HK_CHECK_AFTER = /^\s*[(（]\s*([0-9A])\s*[)）]|^\s*[(（]?\s*(A)\b\s*[)）]?/;
// Spoken: "… five six bracket three", 「…五六括號三」.
const HK_SPOKEN_CHECK_AFTER =
  /^\s*(?:in\s+)?(?:brackets?|括[号號]|括弧)\s*(zero|oh|one|two|three|four|five|six|seven|eight|nine|[零一二三四五六七八九幺]|[0-9A])(?![A-Za-z])/i;
const SPOKEN_CHECK: Readonly<Record<string, string>> = {
  zero: '0', oh: '0', one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9',
  零: '0', 一: '1', 幺: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9',
};
const CLOSE_PAREN_AFTER = /^\s*[)）]/;
const PLUS_BEFORE = /(?:\+|\bplus\s)\s*$/i;
const MAINLAND_MOBILE = /^(?:86)?1[3-9]\d{9}$/;
// A UK mobile (07700 900123) is as unmistakable by its shape.
const UK_MOBILE = /^07\d{9}$/;
const CARD_WINDOWS = [16, 15, 19, 18, 17, 14, 13];
const SHORT_RUN_WINDOWS = [16, 15];

function looksLikeDate(run: DigitRun): boolean {
  const lengths = run.tokens.map((t) => t.digits.length).join(',');
  if (lengths === '4,2,2' || lengths === '2,2,4' || lengths === '4,1,1' || lengths === '4,2,1' || lengths === '4,1,2') return true;
  if (run.digits.length === 8 && /^(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])$/.test(run.digits)) return true;
  return false;
}

/** An amount, a date, a time or a count: never a context-kind identifier. */
export function isQuantity(text: string, run: DigitRun): boolean {
  return CURRENCY_BEFORE.test(text.slice(Math.max(0, run.start - 4), run.start))
    || UNIT_AFTER.test(text.slice(run.end, run.end + 10))
    || looksLikeDate(run);
}

function card(run: DigitRun, from: number, to: number): Detection | null {
  const span = spanOfDigits(run, from, to);
  if (span === null) return null;
  return { kind: 'card', ...span, last4: run.digits.slice(to - 4, to) };
}

/**
 * A card inside a longer run ("card number then CVV in one breath"): a Luhn-valid window at token
 * boundaries at the start or end of the run, with a card-network first digit (2-6). Runs of 20+
 * digits are searched at any token boundary — a run that long is some identifier, so this leans
 * to redaction. Shorter runs only when written in groups (4532 0151 1283 0366 123) and only for
 * the common 16/15-digit lengths: a spoken 16-digit number that fails Luhn must stay a non-card,
 * and every spoken digit is a token boundary.
 */
function cardWindow(run: DigitRun): { card: Detection; rest: [number, number] } | null {
  const n = run.digits.length;
  for (const size of n > 19 ? CARD_WINDOWS : SHORT_RUN_WINDOWS) {
    if (size >= n) continue;
    const head = run.digits.slice(0, size);
    if (/^[2-6]/.test(head) && luhnValid(head)) {
      const found = card(run, 0, size);
      if (found !== null) return { card: found, rest: [size, n] };
    }
    const tail = run.digits.slice(n - size);
    if (/^[2-6]/.test(tail) && luhnValid(tail)) {
      const found = card(run, n - size, n);
      if (found !== null) return { card: found, rest: [0, n - size] };
    }
  }
  return null;
}

/** A phone number's span, with its '+' when it has one. */
function phone(text: string, run: DigitRun): Detection {
  const before = text.slice(Math.max(0, run.start - 6), run.start);
  const plus = PLUS_BEFORE.exec(before);
  return { kind: 'phone', start: plus === null ? run.start : run.start - before.length + plus.index, end: run.end };
}

function byContext(text: string, run: DigitRun, ctx: ContextKind | null): Detection | null {
  const n = run.digits.length;
  const at = { start: run.start, end: run.end };
  if (ctx === null || isQuantity(text, run)) {
    if ((MAINLAND_MOBILE.test(run.digits) || UK_MOBILE.test(run.digits)) && !isQuantity(text, run)) return phone(text, run);
    if (n >= 8 && n <= 15 && PLUS_BEFORE.test(text.slice(Math.max(0, run.start - 6), run.start))) return phone(text, run);
    return null;
  }
  switch (ctx) {
    case 'cvv':
      return n >= 3 && n <= 4 ? { kind: 'cvv', ...at } : null;
    case 'verify':
      if (n === 3) return { kind: 'cvv', ...at };
      return n >= 4 && n <= 8 ? { kind: 'otp', ...at } : null;
    case 'otp':
      return n >= 4 && n <= 8 ? { kind: 'otp', ...at } : null;
    case 'password':
      return n >= 4 && n <= 12 ? { kind: 'password', ...at } : null;
    case 'phone':
      return n >= 7 && n <= 15 ? phone(text, run) : null;
    case 'id':
      return n === 15 || n === 18 ? { kind: 'cn-id', ...at } : null;
    case 'account':
    case 'card':
      // A card-number run that fails Luhn is usually a mis-heard digit: still redact it.
      if (n >= 8 && n <= 34) return { kind: 'account', ...at };
      return MAINLAND_MOBILE.test(run.digits) ? phone(text, run) : null;
  }
}

function hongKongId(text: string, run: DigitRun, ctx: ContextKind | null): Detection | null {
  const n = run.digits.length;
  if (n !== 6 && n !== 7) return null;
  const from = Math.max(0, run.start - 4);
  const before = HK_LETTERS_BEFORE.exec(text.slice(from, run.start));
  if (before === null) return null;
  const letters = before[1] as string;
  const start = from + before.index + before[0].indexOf(letters);
  let end = run.end;
  let digits = run.digits;
  let check: string | undefined;
  if (n === 7) {
    check = digits[6] as string;
    digits = digits.slice(0, 6);
    const close = CLOSE_PAREN_AFTER.exec(text.slice(end, end + 3));
    if (close !== null) end += close[0].length;
  } else {
    const following = text.slice(end, end + 20);
    const after = HK_CHECK_AFTER.exec(following);
    const spoken = after === null ? HK_SPOKEN_CHECK_AFTER.exec(following) : null;
    if (after !== null) {
      check = after[1] ?? after[2];
      end += after[0].length;
    } else if (spoken !== null) {
      const said = spoken[1] as string;
      check = SPOKEN_CHECK[said.toLowerCase()] ?? said;
      end += spoken[0].length;
    }
  }
  if (check === undefined) return null;
  if (hkIdValid(letters, digits, check) || ctx === 'id') return { kind: 'hk-id', start, end };
  return null;
}

/** A Taiwan ID: the capital letter written right before nine digits, checksum-valid or named an ID. */
function taiwanId(text: string, run: DigitRun, ctx: ContextKind | null): Detection | null {
  if (run.digits.length !== 9 || run.start < 1) return null;
  const letter = text[run.start - 1] as string;
  if (!/[A-Z]/.test(letter) || /[A-Za-z]/.test(text[run.start - 2] ?? '')) return null;
  return twIdValid(letter + run.digits) || ctx === 'id' ? { kind: 'tw-id', start: run.start - 1, end: run.end } : null;
}

function classify(text: string, run: DigitRun, hits: readonly ContextHit[], out: Detection[], depth: number): void {
  const ctx = contextFor(hits, run.start, run.end);
  const n = run.digits.length;
  const tw = taiwanId(text, run, ctx);
  if (tw !== null) {
    out.push(tw);
    return;
  }
  if (n === 17) {
    const x = X_AFTER.exec(text.slice(run.end, run.end + 6));
    if (x !== null && (cnIdValid(`${run.digits}X`) || ctx === 'id')) {
      out.push({ kind: 'cn-id', start: run.start, end: run.end + x[0].length });
      return;
    }
  }
  if (n === 18 && cnIdValid(run.digits) && !(ctx === 'card' && luhnValid(run.digits))) {
    out.push({ kind: 'cn-id', start: run.start, end: run.end });
    return;
  }
  const hk = hongKongId(text, run, ctx);
  if (hk !== null) {
    out.push(hk);
    return;
  }
  if (n >= 13 && n <= 19 && luhnValid(run.digits) && ctx !== 'account' && ctx !== 'id') {
    const found = card(run, 0, n);
    if (found !== null) out.push(found);
    return;
  }
  const found = byContext(text, run, ctx);
  if (found !== null) {
    out.push(found);
    return;
  }
  const grouped = run.tokens.length >= 2 && run.tokens.every((t) => t.digits.length >= 3);
  if (depth === 0 && (n > 19 || (n >= 16 && grouped))) {
    const window = cardWindow(run);
    if (window !== null) {
      out.push(window.card);
      const [from, to] = window.rest;
      const span = spanOfDigits(run, from, to);
      if (span !== null) {
        const tokens = run.tokens.filter((t) => t.start >= span.start && t.end <= span.end);
        const rest: DigitRun = { digits: run.digits.slice(from, to), ...span, tokens, spoken: run.spoken };
        classify(text, rest, hits, out, depth + 1);
      }
    }
  }
}

/** Detections for every digit run, in order (they do not overlap: runs do not). */
export function detectNumbers(text: string, runs: readonly DigitRun[], hits: readonly ContextHit[]): Detection[] {
  const out: Detection[] = [];
  for (const run of runs) classify(text, run, hits, out, 0);
  return out;
}
