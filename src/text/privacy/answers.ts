// Answers to the agent's verification questions. "Can you confirm your date of birth?" — "Sure,
// the twelfth of March 1985": the birth word is in the agent's question and the date in the
// caller's answer, which on its own names nothing. So the caller's speech after such a question is
// read as its answer. A question may ask for several things ("your date of birth and your
// postcode?"), and the answer is read for each of them:
//   - date of birth: any date in it;
//   - address: what looks like an address (address.ts) — not the whole sentence, so that
//     「好的，那我就放心了，谢谢你」 after an address question stays as it was said;
//   - the last digits of an ID, account or phone number: a short run of digits;
//   - a security answer (memorable word, mother's maiden name, 密保问题): the first clause that is
//     not a date or address already found and not conversation ("thank you", 「我想想」).

import { findAddresses } from './address.js';
import { findDates } from './dates.js';
import { isQuantity } from './detect.js';
import { findDigitRuns } from './digits.js';
import { ID, SHOWN } from './last-digits.js';
import { valueAfter } from './secrets.js';
import type { AskedFor, PiiKind } from './types.js';

const ASKS: ReadonlyArray<readonly [AskedFor, RegExp]> = [
  ['dob', /date\s+of\s+birth|birth\s*date|birthday|\bD\.?O\.?B\b|when\s+were\s+you\s+born|出生(?:日期|年月日)?|生日|出世/i],
  [
    'secret',
    /memorable\s+(?:word|answer|name|place|information)|security\s+(?:question|answer)|secret\s+answer|maiden\s+name|密保|安全(?:问题|問題)|(?:母亲|母親|老母|[阿老]?[妈媽][妈媽]?)(?:的|嘅)?(?:娘家)?姓/i,
  ],
  [
    'address',
    /\b(?:your|the)\s+(?:(?:home|full|registered|postal|correspondence|billing)\s+)?address\b|first\s+line\s+of\s+(?:your|the)\s+address|post\s*code|postal\s+code|zip\s+code|地址|住址|[邮郵][编編]|[邮郵][递遞][区區][号號]|住(?:在|喺)(?:哪|边|邊)/i,
  ],
  ['digits', /\b(?:last|final)\s+(?:two|three|four|five|six|[2-6])\s+(?:digits?|numbers?)\b|(?:后|後|末|最后|最後)\s*[二两兩三四五六2-6]\s*位|尾[号號]/i],
];
// What a caller says before the answer itself: "yes, sure, it's …", 「嗯，是…」, "I think it's …".
const LEAD_IN =
  /^(?:\s*(?:(?:yes|yeah|yep|sure|ok(?:ay)?|right|um+|uh+|er+|erm|so|well|of\s+course|I\s+think|I\s+believe|I\s+guess|let\s+me\s+(?:see|think))(?![A-Za-z])|嗯|啊|哦|噢|好的?|是的?|係|对|對|我想想|我记得|我記得|应该|應該)[\s,，.。!！]*)*\s*(?:(?:it|that)(?:'s|’s|\s+is|\s+was|\s+would\s+be|\s+should\s+be)\s+|(?:是|叫|係|姓)\s*)?/i;

// Conversation, not a security answer: "sorry, one moment", 「好的，那我就放心了」.
const NOT_AN_ANSWER =
  /\b(?:I|I'm|I’m|I've|I’ve|I'll|I’ll|you|we|me|thanks?|thank\s+you|sorry|hold\s+on|one\s+(?:moment|second|sec)|wait|hang\s+on|don['’]?t\s+(?:know|remember)|not\s+sure|forgot|no\s+idea|pardon)\b|我|你|您|咱|谢谢|謝謝|唔該|稍等|等一下|等等|不知道|唔知|不记得|不記得|忘|放心|明白|知道了|没问题|沒問題|可以|好吧|不好意思|唔好意思|对不起|對不起|抱歉|没听清|沒聽清|听不清|聽唔清/i;
const SECRET_MAX_WORDS = 5;
const SECRET_MAX_CJK = 10;
const CLAUSE_JOIN = /^[\s,，、]*(?:and|also|plus|和|还有|還有|以及)?[\s,，、]*/i;

/** What a question asks the caller for: any of date of birth, security answer, address, last digits; in that order. */
export function askedFor(question: string): AskedFor[] {
  const out: AskedFor[] = [];
  for (const [kind, pattern] of ASKS) {
    if (!pattern.test(question)) continue;
    // A question about a card's, an account's or a phone's last digits opens nothing: banks show them.
    if (kind === 'digits' && SHOWN.test(question) && !ID.test(question)) continue;
    out.push(kind);
  }
  return out;
}

export interface AnswerSpan {
  kind: Extract<PiiKind, AskedFor>;
  start: number;
  end: number;
}

const overlapsAny = (s: { start: number; end: number }, list: readonly AnswerSpan[]) => list.some((x) => s.start < x.end && x.start < s.end);

function isConversation(value: string): boolean {
  if (NOT_AN_ANSWER.test(value)) return true;
  const cjk = value.match(/[\u4e00-\u9fff]/g)?.length ?? 0;
  return cjk > SECRET_MAX_CJK || (cjk === 0 && value.trim().split(/\s+/).length > SECRET_MAX_WORDS);
}

/** The security answer: the first clause after the lead-in that nothing else claimed and that is not conversation. */
function secretSpan(answer: string, from: number, taken: readonly AnswerSpan[]): AnswerSpan | null {
  const runs = findDigitRuns(answer);
  let at = from;
  for (let clause = 0; clause < 2 && at < answer.length; clause++) {
    at += CLAUSE_JOIN.exec(answer.slice(at))?.[0].length ?? 0;
    const value = valueAfter(answer, at, runs, 'secret');
    if (value === null) return null;
    if (!overlapsAny(value, taken)) return isConversation(answer.slice(value.start, value.end)) ? null : { kind: 'secret', ...value };
    at = Math.max(value.end, ...taken.filter((t) => t.start < value.end).map((t) => t.end));
  }
  return null;
}

/** The parts of a caller's answer to hide, given what the question asked for. */
export function answerSpans(answer: string, asked: readonly AskedFor[]): AnswerSpan[] {
  const out: AnswerSpan[] = [];
  if (asked.includes('dob')) for (const s of findDates(answer)) out.push({ kind: 'dob', ...s });
  const from = LEAD_IN.exec(answer)?.[0].length ?? 0;
  if (asked.includes('digits')) {
    for (const run of findDigitRuns(answer)) {
      if (run.start < from || run.digits.length < 2 || run.digits.length > 6 || isQuantity(answer, run) || overlapsAny(run, out)) continue;
      out.push({ kind: 'digits', start: run.start, end: run.end });
    }
  }
  if (asked.includes('address')) {
    for (const s of findAddresses(answer, { expected: true, from, stops: out })) out.push({ kind: 'address', ...s });
  }
  // "Sorry, my what?" asks back: its first clause is no security answer.
  if (asked.includes('secret') && !/[?？]\s*$/.test(answer)) {
    const secret = secretSpan(answer, from, out);
    if (secret !== null) out.push(secret);
  }
  return out.sort((a, b) => a.start - b.start);
}
