// Answers to the agent's verification questions. "Can you confirm your date of birth?" — "Sure,
// the twelfth of March 1985": the birth word is in the agent's question and the date in the
// caller's answer, which on its own names nothing. So the caller's speech after such a question is
// read as its answer: any date in it is a date of birth; after a security question (memorable
// word, mother's maiden name, 密保问题) the first clause is the secret, after an address question
// the sentence is the address. A question asking for several ("date of birth and postcode") is
// taken as the first of date of birth, security answer, address.

import { findDates } from './dates.js';
import { findDigitRuns } from './digits.js';
import { valueAfter } from './secrets.js';
import type { AskedFor, PiiKind } from './types.js';

const ASKS: ReadonlyArray<readonly [AskedFor, RegExp]> = [
  ['dob', /date\s+of\s+birth|birth\s*date|birthday|\bD\.?O\.?B\b|when\s+were\s+you\s+born|出生(?:日期|年月日)?|生日|出世/i],
  [
    'secret',
    /memorable\s+(?:word|answer|name|place|information)|security\s+(?:question|answer)|secret\s+answer|maiden\s+name|密保|安全(?:问题|問題)|(?:母亲|母親|妈妈|媽媽|老母)(?:的|嘅)?(?:娘家)?姓/i,
  ],
  [
    'address',
    /\b(?:your|the)\s+(?:(?:home|full|registered|postal|correspondence|billing)\s+)?address\b|first\s+line\s+of\s+(?:your|the)\s+address|post\s*code|postal\s+code|zip\s+code|地址|住址|[邮郵][编編]|住(?:在|喺)(?:哪|边|邊)/i,
  ],
];

// What a caller says before the answer itself: "yes, sure, it's …", 「嗯，是…」.
const LEAD_IN =
  /^(?:\s*(?:yes|yeah|yep|sure|ok(?:ay)?|right|um+|uh+|er+|erm|so|well|of\s+course|嗯|啊|哦|噢|好的?|是的?|係|对|對)[\s,，.。!！]*)*\s*(?:(?:it|that)(?:'s|’s|\s+is|\s+was|\s+would\s+be)\s+|(?:是|叫|係|姓)\s*)?/i;

/** What a question asks the caller for, if it asks for a date of birth, a security answer or an address. */
export function askedFor(question: string): AskedFor | null {
  for (const [kind, pattern] of ASKS) if (pattern.test(question)) return kind;
  return null;
}

export interface AnswerSpan {
  kind: Extract<PiiKind, AskedFor>;
  start: number;
  end: number;
}

/** The parts of a caller's answer to hide, given what the question asked for. */
export function answerSpans(answer: string, asked: AskedFor): AnswerSpan[] {
  if (asked === 'dob') return findDates(answer).map((s) => ({ kind: 'dob', ...s }));
  // "Sorry, my what?" asks back; it answers nothing.
  if (/[?？]\s*$/.test(answer)) return [];
  const start = LEAD_IN.exec(answer)?.[0].length ?? 0;
  const value = valueAfter(answer, start, findDigitRuns(answer), asked);
  return value === null ? [] : [{ kind: asked, ...value }];
}
