// Dates that are personal data because of the words around them: a date of birth ("date of
// birth", "DOB", "born on", 「出生日期」「生日」) and a card's expiry date ("expiry 03/27", 「有效期
// 2027年3月」). A bank asks for the date of birth to verify a caller (knowledge-based
// authentication), so in a stored transcript it unlocks accounts much as a PIN does; an expiry
// date completes a card number. Other dates — a payment date, "opened on 2024-03-15" — stay: they
// are what the call is about.

import { CONTEXT_AFTER, CONTEXT_BEFORE } from './context.js';
import type { SecretSpan } from './secrets.js';
import { matchSpans } from './spans.js';

const BIRTH_WORDS = /\b(?:date\s+of\s+birth|birth\s*date|birthday|D\.?O\.?B\b\.?|born)\b|出生(?:日期|年月日)?|生日|出世|生辰|(?<![发發产產先学學医醫陌])生(?:的|嘅)/gi;
// "expires", not "expired" ("my card expired" says nothing about a date that follows).
const EXPIRY_WORDS = /\b(?:expiry|expiration|expires?|exp\.?\s+date|valid\s+(?:until|thru|through|to)|good\s+thru)\b|有效期|到期日|過期日|过期日/gi;
// A card's expiry as written on it: 03/27, 3-2027.
const MONTH_YEAR = /\b(?:0?[1-9]|1[0-2])\s*[/-]\s*(?:20)?\d{2}\b/g;

const MONTH = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const UNIT = 'one|two|three|four|five|six|seven|eight|nine';
const ORDINAL_UNIT = 'first|second|third|fourth|fifth|sixth|seventh|eighth|ninth';
const SPOKEN_DAY = `(?:twenty|thirty)[\\s-](?:${ORDINAL_UNIT})|${ORDINAL_UNIT}|tenth|eleventh|twelfth|(?:thir|four|fif|six|seven|eigh|nine)teenth|twentieth|thirtieth`;
const DAY = `(?:\\d{1,2}(?:st|nd|rd|th)?|${SPOKEN_DAY})`;
const TENS = 'twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety';
// "nineteen eighty-five", "nineteen oh two", "two thousand and five", "twenty twelve".
const SPOKEN_YEAR =
  `(?:nineteen|twenty)[\\s-](?:(?:${TENS})(?:[\\s-](?:${UNIT}))?|oh[\\s-](?:${UNIT})|ten|eleven|twelve|(?:thir|four|fif|six|seven|eigh|nine)teen)` +
  `|two\\s+thousand(?:\\s+(?:and\\s+)?(?:(?:${TENS})(?:[\\s-](?:${UNIT}))?|ten|eleven|twelve|(?:thir|four|fif|six|seven|eigh|nine)teen|${UNIT}))?`;
const YEAR = `(?:\\d{4}\\b|'?\\d{2}\\b|${SPOKEN_YEAR})`;
const ZH_NUMERAL = '[0-9零〇一二三四五六七八九十两兩]';

const DATE = new RegExp(
  [
    // 1985-03-12, 1985/3/12, 12/03/1985, 12.3.85, 19850312
    '\\b\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}\\b',
    '\\b\\d{1,2}[-/.]\\d{1,2}[-/.](?:\\d{4}|\\d{2})\\b',
    '\\b(?:19|20)\\d\\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])\\b',
    // 1985年3月12日, 一九八五年三月十二号, 三月十二號, 85年3月
    `${ZH_NUMERAL}{2,4}\\s*年\\s*${ZH_NUMERAL}{1,3}\\s*月(?:\\s*${ZH_NUMERAL}{1,3}\\s*[日号號])?`,
    `${ZH_NUMERAL}{1,3}\\s*月\\s*${ZH_NUMERAL}{1,3}\\s*[日号號]`,
    // the 12th of March 1985, 12 March '85, twelfth of March nineteen eighty-five
    `\\b(?:the\\s+)?${DAY}\\s+(?:of\\s+)?(?:${MONTH})\\b\\.?(?:,?\\s+${YEAR})?`,
    // March 12th, 1985; March the twelfth; March 1985
    `\\b(?:${MONTH})\\.?\\s+(?:(?:the\\s+)?${DAY}\\b(?:,?\\s+${YEAR})?|${YEAR})`,
  ]
    .map((s) => `(?:${s})`)
    .join('|'),
  'gi',
);

/** Every date in the text, described or not (for an answer to "what is your date of birth?"). */
export function findDates(text: string): SecretSpan[] {
  return matchSpans(DATE, text);
}

/** The spans that a describing word in the same text sits close to (before or after). */
function described(spans: readonly SecretSpan[], words: readonly SecretSpan[]): SecretSpan[] {
  if (words.length === 0) return [];
  return spans.filter(({ start, end }) => words.some((w) => (w.end <= start && start - w.end <= CONTEXT_BEFORE) || (w.start >= end && w.start - end <= CONTEXT_AFTER)));
}

/** Dates that a birth word in the same text describes, in order. */
export function findBirthDates(text: string): SecretSpan[] {
  return described(findDates(text), matchSpans(BIRTH_WORDS, text));
}

/** Card expiry dates (03/27, March 2027, 2027年3月) that an expiry word describes, in order. */
export function findExpiryDates(text: string): SecretSpan[] {
  const words = matchSpans(EXPIRY_WORDS, text);
  if (words.length === 0) return [];
  const spans = [...findDates(text), ...matchSpans(MONTH_YEAR, text)];
  return described(spans, words);
}
