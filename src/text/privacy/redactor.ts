// The streaming redactor: one per call track. Speech recognisers cut utterances at pauses, and a
// caller reading a card number pauses — "4532 0151" | "1283 0366" — so each half alone is no card.
// The redactor keeps the tail of the previous FINAL utterance when it ends in digits (the last
// digit run plus a little context before it) and reads it together with the next utterance.
//
// Trade-offs: only two consecutive utterances are joined (a number read over three pauses is
// caught only where two parts already qualify); joining can glue two unrelated numbers, which
// Luhn and the ID checksums reject nine times in ten (a trailing run under four digits is never
// joined, which removes amounts like "the fee was 25"); and the first half was already released with the
// previous utterance, so the result carries `previous` — that utterance redacted again — for
// any consumer that still holds it (the call record) to replace. A consumer that must never
// release half a number should hold each final utterance until the next one arrives.

import { answerSpans } from './answers.js';
import { findDigitRuns } from './digits.js';
import { applyRedactions, findRedactions, placeholderFor } from './redact.js';
import type { AskedFor, Redaction, Redactor, StreamRedactionResult } from './types.js';

/** Context kept before the trailing digit run ("card number is …"), in UTF-16 units. */
const TAIL_CONTEXT_CHARS = 32;
/** Numbers are read in groups of three or four: a shorter trailing run ("the fee was 25") is no first half. */
const MIN_TAIL_DIGITS = 4;
const ONLY_TRAILING_PUNCTUATION = /^[\s,，、.。;；!！?？-]*$/;
const ONLY_LEADING_PUNCTUATION = /^[\s,，、-]*$/;

interface Tail {
  /** The previous final utterance, raw. */
  text: string;
  /** Where the kept tail starts in it. */
  start: number;
  /** Where its trailing digit run ends (trailing punctuation is dropped when joining). */
  digitsEnd: number;
}

function tailOf(text: string): Tail | null {
  const runs = findDigitRuns(text);
  const last = runs[runs.length - 1];
  if (last === undefined || last.digits.length < MIN_TAIL_DIGITS) return null;
  if (!ONLY_TRAILING_PUNCTUATION.test(text.slice(last.end))) return null;
  return { text, start: Math.max(0, last.start - TAIL_CONTEXT_CHARS), digitsEnd: last.end };
}

function startsWithDigits(text: string): number | null {
  const first = findDigitRuns(text)[0];
  if (first === undefined || !ONLY_LEADING_PUNCTUATION.test(text.slice(0, first.start))) return null;
  return first.start;
}

function overlaps(a: Redaction, list: readonly Redaction[]): boolean {
  return list.some((b) => a.start < b.end && b.start < a.end);
}

function merge(primary: readonly Redaction[], extra: readonly Redaction[]): Redaction[] {
  return [...primary, ...extra.filter((r) => !overlaps(r, primary))].sort((a, b) => a.start - b.start);
}

function joinWithTail(tail: Tail, text: string, firstDigit: number): StreamRedactionResult {
  const head = tail.text.slice(tail.start, tail.digitsEnd);
  const offset = head.length + 1;
  const joined = findRedactions(`${head} ${text}`);
  const current: Redaction[] = [];
  const spanning: Redaction[] = [];
  for (const r of joined) {
    if (r.end <= offset) continue;
    if (r.start >= offset) {
      current.push({ ...r, start: r.start - offset, end: r.end - offset });
    } else {
      current.push({ ...r, start: firstDigit, end: r.end - offset, spansPrevious: true });
      spanning.push({ ...r, start: tail.start + r.start, end: tail.digitsEnd });
    }
  }
  const redactions = merge(current, findRedactions(text));
  const result: StreamRedactionResult = { text: applyRedactions(text, redactions), redactions };
  if (spanning.length > 0) {
    const previous = merge(spanning, findRedactions(tail.text));
    result.previous = { text: applyRedactions(tail.text, previous), redactions: previous };
  }
  return result;
}

/** Adds what answers the agent's question (a date, a security answer, an address, last digits) to the redactions. */
function withAnswer(result: StreamRedactionResult, text: string, asked: readonly AskedFor[]): StreamRedactionResult {
  const answer = answerSpans(text, asked).map((a) => ({ ...a, replacement: placeholderFor(a.kind) }));
  if (answer.length === 0) return result;
  const redactions = merge(result.redactions, answer);
  return { ...result, text: applyRedactions(text, redactions), redactions };
}

/**
 * A redactor for one track of one call. Partial utterances are redacted with the previous final
 * utterance's tail too, but only final utterances replace the tail.
 */
export function createRedactor(): Redactor {
  let tail: Tail | null = null;
  return {
    redact(text: string, isFinal: boolean, asked?: readonly AskedFor[]): StreamRedactionResult {
      const firstDigit = tail === null ? null : startsWithDigits(text);
      let result: StreamRedactionResult;
      if (tail !== null && firstDigit !== null) {
        result = joinWithTail(tail, text, firstDigit);
      } else {
        const redactions = findRedactions(text);
        result = { text: applyRedactions(text, redactions), redactions };
      }
      if (isFinal) tail = tailOf(text);
      return asked === undefined || asked.length === 0 ? result : withAnswer(result, text, asked);
    },
  };
}
