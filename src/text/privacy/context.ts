// Keywords that say what a nearby number is ("account", 「账号」, "CVV", 「验证码」, "PIN"…), in
// English and both Chinese scripts. A long digit run is only an account number, and three
// digits only a CVV, when such a word is close by.

export type ContextKind = 'card' | 'account' | 'id' | 'cvv' | 'otp' | 'verify' | 'password' | 'phone';

export interface ContextHit {
  kind: ContextKind;
  start: number;
  end: number;
}

// "code" alone usually means a one-time code on a bank call, but not these codes.
const NOT_OTP_CODES =
  'zip|postal|post|area|country|sort|swift|branch|bank|promo|promotion|error|reason|product|merchant|security|discount|dialling|dialing|bic';

const SOURCES: ReadonlyArray<readonly [ContextKind, string]> = [
  ['cvv', '\\b(?:CVV2?|CVC2?|CID|security\\s+code|card\\s+verification(?:\\s+(?:code|value|number))?|(?:three|3|four|4)\\s+digits?\\s+on\\s+the\\s+back)\\b|安全[码碼]|卡背面|背面(?:的)?[后後]?三位|校[验驗][码碼]'],
  ['verify', '[验驗][证證][码碼]'],
  ['otp', `\\b(?:OTP|one[-\\s]?time\\s+(?:pass(?:word|code)|code|PIN)|verification\\s+code|SMS\\s+code|text(?:ed)?\\s+code|(?<!\\b(?:${NOT_OTP_CODES})\\s)code)\\b|[动動][态態](?:[码碼]|密[码碼])|短[信讯訊][码碼]`],
  ['password', '\\b(?:password|passcode|pass\\s+code|PIN(?:\\s+(?:number|code))?)\\b|密[码碼]|PIN[码碼]'],
  ['card', '\\b(?:card\\s*(?:number|no\\.?|#)|credit\\s+card|debit\\s+card)\\b|卡[号號]|信用卡|借[记記]卡|[银銀]行卡|扣[账賬帳]卡'],
  ['account', '\\b(?:account(?:\\s*(?:number|no\\.?|#))?|acct|a/c)\\b|[账帳賬][号號户戶]|[户戶]口|存[折摺]'],
  ['id', '\\b(?:ID(?:\\s*(?:number|no\\.?|card))?|identity\\s+(?:card|number)|HKID|I\\.D\\.)(?![\\w])|身[份分][证證]|[证證]件[号號]|[统統]一[编編][号號]'],
  ['phone', '\\b(?:phone|mobile|cell(?:phone)?|telephone|tel\\.?|contact\\s+number|(?:call|reach|ring|text)\\s+(?:me|you)\\s+(?:back\\s+)?(?:on|at))\\b|[电電][话話]|手[机機]|[联聯][系繫络絡]方式|[联聯][络絡][电電][话話]'],
];

const CONTEXT = new RegExp(SOURCES.map(([, s]) => `(${s})`).join('|'), 'gi');

/** Every context keyword in the text, in order. */
export function findContexts(text: string): ContextHit[] {
  const hits: ContextHit[] = [];
  CONTEXT.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CONTEXT.exec(text)) !== null) {
    for (let g = 0; g < SOURCES.length; g++) {
      if (m[g + 1] !== undefined) {
        hits.push({ kind: (SOURCES[g] as readonly [ContextKind, string])[0], start: m.index, end: m.index + m[0].length });
        break;
      }
    }
  }
  return hits;
}

/** How far a keyword may be from the number it describes, in UTF-16 units. */
export const CONTEXT_BEFORE = 32;
export const CONTEXT_AFTER = 16;

/**
 * The keyword that describes the span [start, end): the nearest one ending before it within
 * CONTEXT_BEFORE, else the nearest one starting after it within CONTEXT_AFTER ("123 is the CVV").
 */
export function contextFor(hits: readonly ContextHit[], start: number, end: number): ContextKind | null {
  let before: ContextHit | null = null;
  let after: ContextHit | null = null;
  for (const h of hits) {
    if (h.end <= start && start - h.end <= CONTEXT_BEFORE) before = h;
    else if (h.start >= end && h.start - end <= CONTEXT_AFTER && after === null) after = h;
  }
  return before?.kind ?? after?.kind ?? null;
}
