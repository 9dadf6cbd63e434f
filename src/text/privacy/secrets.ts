// Passwords and PINs said out loud: the value after "my password is", "PIN is", 「密码是」.
// The value is a digit run when one follows (spoken digits included), otherwise the words up to
// the end of the clause — over-redacting a spoken passphrase is the safe side.

import type { DigitRun } from './digits.js';

const LEAD = new RegExp(
  [
    "\\b(?:(?:online|internet|mobile|phone|web)\\s+banking\\s+)?(?:password|passcode|pass\\s+code|PIN(?:\\s+(?:number|code))?)(?:\\s+(?:is|was|will\\s+be|should\\s+be)|'s|\\s*[:=])\\s*",
    '(?:密[码碼]|PIN[码碼]?)(?:是|为|為|[：:])\\s*',
  ].join('|'),
  'gi',
);

// "my password is wrong", 「密码是多少」: what follows is a state or a question, not the value.
const NOT_A_VALUE =
  /^(?:wrong|incorrect|not\b|locked|blocked|expired|invalid|forgotten|the\s+same|correct|right|what|too\b|still|being|case|required|needed|changed|reset|[0-9一二三四五六七八九十]+\s*(?:digits?|characters?|位)|多少|什么|什麼|啥|几|幾|错|錯|不对|不對|被|锁|鎖|忘|过期|過期|正确|正確|对的|對的|吗|嗎|对吗|對嗎)/i;

const CLAUSE_END = /[,.;!?，。；！？\n]/;
const MAX_VALUE_CHARS = 40;

export interface SecretSpan {
  start: number;
  end: number;
}

/** Spans of spoken password/PIN values, in order. */
export function findSecretValues(text: string, runs: readonly DigitRun[]): SecretSpan[] {
  const spans: SecretSpan[] = [];
  LEAD.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = LEAD.exec(text)) !== null) {
    const valueStart = m.index + m[0].length;
    const rest = text.slice(valueStart, valueStart + MAX_VALUE_CHARS);
    if (rest.length === 0 || NOT_A_VALUE.test(rest)) continue;
    // Digits only when the value is all digits: "Tr0ub4dor&3" is a password with digits in it.
    const run = runs.find((r) => r.start === valueStart);
    if (run !== undefined && !/^[A-Za-z0-9]/.test(text.slice(run.end, run.end + 1))) {
      spans.push({ start: run.start, end: run.end });
      continue;
    }
    const stop = rest.search(CLAUSE_END);
    const value = (stop < 0 ? rest : rest.slice(0, stop)).trimEnd();
    if (value.length > 0) spans.push({ start: valueStart, end: valueStart + value.length });
  }
  return spans;
}
