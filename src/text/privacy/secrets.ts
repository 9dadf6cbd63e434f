// Values said after the words that name them: passwords and PINs ("my password is", 「密码是」),
// security answers ("my memorable word is", "mother's maiden name is", 「密保答案是」) and home
// addresses ("I live at", 「地址是」). A password's value is a digit run when one follows (spoken
// digits included), otherwise the words up to the end of the clause; an address runs to the end of
// the sentence (its commas separate its own parts). Over-redacting is the safe side.

import { findAddresses } from './address.js';
import type { DigitRun } from './digits.js';

export type SecretKind = 'password' | 'secret' | 'address';

const LEADS: ReadonlyArray<readonly [SecretKind, RegExp]> = [
  [
    'password',
    new RegExp(
      [
        "\\b(?:(?:online|internet|mobile|phone|web)\\s+banking\\s+)?(?:password|passcode|pass\\s+code|PIN(?:\\s+(?:number|code))?)(?:\\s+(?:is|was|will\\s+be|should\\s+be)\\b(?!['’])|'s|\\s*[:=])\\s*",
        '(?:密[码碼]|PIN[码碼]?)(?:是|为|為|係|[：:])\\s*',
      ].join('|'),
      'gi',
    ),
  ],
  // The answers banks verify callers with (UK "memorable word", security questions, 密保问题):
  // knowing them opens the account, so they are kept out of every record like a password.
  [
    'secret',
    new RegExp(
      [
        "\\b(?:memorable\\s+(?:word|answer|name|place|information)|security\\s+(?:answer|word)|secret\\s+answer|answer\\s+to\\s+(?:my|the)\\s+security\\s+question|(?:mother|mum|mom)['’]?s\\s+maiden\\s+name)(?:\\s+(?:is|was)|'s|\\s*[:=])\\s*",
        '(?:密保|安全|保密)(?:问题|問題)?(?:的|嘅)?答案(?:是|为|為|係|[：:])\\s*',
        // 「我母亲姓王」 needs no 是.
        '(?:母亲|母親|老母|(?:我|阿|老)?[妈媽][妈媽]?)(?:的|嘅)?(?:娘家)?姓(?:氏)?(?:是|为|為|叫|係|[：:])?\\s*',
      ].join('|'),
      'gi',
    ),
  ],
  [
    'address',
    new RegExp(
      [
        "\\b(?:(?:my|the|our)\\s+(?:(?:home|new|registered|postal|correspondence|billing)\\s+)?address\\s+(?:is|was)|(?:my\\s+)?(?:post\\s*code|postal\\s+code|zip(?:\\s+code)?)\\s+(?:is|was)|address\\s*[:=])\\s*",
        '(?:地址|住址|通[讯訊]地址|[邮郵][编編]|[邮郵]政[编編][码碼])(?:是|为|為|係|[：:])\\s*',
      ].join('|'),
      'gi',
    ),
  ],
];

// "I live at …", 「我住在…」 say where, not that an address follows ("I live at home", 「我住在附近」):
// the words after them are an address only if they look like one (address.ts).
const RESIDENCE = /\b(?:I|we)\s+live\s+at\s*|我(?:们|們)?(?:现在|現在)?住(?:在|喺|响|響)\s*/gi;
/** How far after "I live at" the address may start. */
const RESIDENCE_GAP_CHARS = 16;

// "my password is wrong", 「密码是多少」: what follows is a state or a question, not the value.
const NOT_A_VALUE =
  /^(?:wrong|incorrect|not\b|locked|blocked|expired|invalid|forgotten|the\s+same|correct|right|what|too\b|still|being|case|required|needed|changed|reset|on\s+file|the\s+one\b|unchanged|different|out\s+of\s+date|up\s+to\s+date|outdated|in\s+your\s+system|(?:sent|posted|mailed|emailed|texted|delivered|given|set|updated|accepted|rejected|declined|supposed|meant)\b|[0-9一二三四五六七八九十]+\s*(?:digits?|characters?|位)|多少|什么|什麼|啥|几|幾|错|錯|不对|不對|被|锁|鎖|忘|过期|過期|正确|正確|对的|對的|吗|嗎|对吗|對嗎|一样|一樣|没变|沒變|变了|變了|换了|換了|旧的|舊的)/i;

interface ValueRule {
  end: RegExp;
  maxChars: number;
  /** A digit run right after the lead is the whole value (a PIN), whatever follows it. */
  digitRun: boolean;
}

const CLAUSE: ValueRule = { end: /[,.;!?，。；！？\n]|\s(?:and|but|so|then)\s/, maxChars: 40, digitRun: true };
// A value redacted already ("my PIN is [PASSWORD] and …") is its placeholder: redacting stored text again changes nothing.
const PLACEHOLDER = /^\[[A-Z][A-Z ]*(?: \*{4}\d{4})?\]/;
const VALUE_RULES: Readonly<Record<SecretKind, ValueRule>> = {
  password: CLAUSE,
  secret: CLAUSE,
  // "12 Baker Street, London NW1 6XE": the house number and the commas belong to the address;
  // a Chinese address has no commas inside (「北京市朝阳区建国路88号」), so 「，」 ends it.
  address: { end: /[.;!?。；！？，\n]|\s(?:and|but|so)\s/, maxChars: 80, digitRun: false },
};

export interface SecretSpan {
  start: number;
  end: number;
}

/** Spans of spoken values by kind: passwords/PINs, then security answers, then addresses (findRedactions sorts them). */
export function findSecretValues(text: string, runs: readonly DigitRun[]): Array<SecretSpan & { kind: SecretKind }> {
  const spans: Array<SecretSpan & { kind: SecretKind }> = [];
  for (const [kind, lead] of LEADS) {
    lead.lastIndex = 0;
    for (let m = lead.exec(text); m !== null; m = lead.exec(text)) {
      const value = valueAfter(text, m.index + m[0].length, runs, kind);
      if (value !== null) spans.push({ kind, ...value });
    }
  }
  RESIDENCE.lastIndex = 0;
  for (let m = RESIDENCE.exec(text); m !== null; m = RESIDENCE.exec(text)) {
    const from = m.index + m[0].length;
    const found = findAddresses(text, { expected: true, from })[0];
    if (found !== undefined && found.start - from <= RESIDENCE_GAP_CHARS) spans.push({ kind: 'address', ...found });
  }
  return spans;
}

/** The value of `kind` said from valueStart on, or null for "is wrong", 「是多少」. */
export function valueAfter(text: string, valueStart: number, runs: readonly DigitRun[], kind: SecretKind): SecretSpan | null {
  const rule = VALUE_RULES[kind];
  const rest = text.slice(valueStart, valueStart + rule.maxChars);
  if (rest.length === 0 || NOT_A_VALUE.test(rest)) return null;
  const placeholder = PLACEHOLDER.exec(rest);
  if (placeholder !== null) return { start: valueStart, end: valueStart + placeholder[0].length };
  // Digits only when the value is all digits: "Tr0ub4dor&3" is a password with digits in it.
  const run = rule.digitRun ? runs.find((r) => r.start === valueStart) : undefined;
  if (run !== undefined && !/^[A-Za-z0-9]/.test(text.slice(run.end, run.end + 1))) return { start: run.start, end: run.end };
  const stop = rest.search(rule.end);
  const value = (stop < 0 ? rest : rest.slice(0, stop)).trimEnd();
  return value.length > 0 ? { start: valueStart, end: valueStart + value.length } : null;
}
