// Finds runs of digits in a transcript however they were written or spoken: "4532 0151",
// "4532-0151", "four five three two", "double five", "oh" for zero, 「四五三二」, 「幺」/「么」 for
// one, 「两」 for two, full-width ０-９. Each run keeps the source offsets of its tokens so a
// detector can redact exactly the span that was spoken.

export interface DigitToken {
  digits: string;
  start: number;
  end: number;
  /** Words that are digits only next to other digits: "oh", "o", 么, 洞. */
  weak: boolean;
  /** Written as a word or a Chinese numeral rather than 0-9. */
  spoken: boolean;
}

export interface DigitRun {
  digits: string;
  start: number;
  end: number;
  tokens: DigitToken[];
  spoken: boolean;
}

const EN_UNITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const EN_TEENS = ['ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const EN_TENS = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const EN_VALUE = new Map<string, string>();
EN_UNITS.forEach((w, i) => EN_VALUE.set(w, String(i)));
EN_TEENS.forEach((w, i) => EN_VALUE.set(w, String(10 + i)));
EN_TENS.forEach((w, i) => EN_VALUE.set(w, String(2 + i)));
EN_VALUE.set('oh', '0');
EN_VALUE.set('o', '0');

const ZH_VALUE: Readonly<Record<string, string>> = {
  零: '0', 〇: '0', 洞: '0', 一: '1', 幺: '1', 么: '1', 二: '2', 两: '2', 兩: '2', 三: '3', 四: '4', 五: '5',
  六: '6', 七: '7', 八: '8', 九: '9',
};

const UNIT = '(?:zero|oh|o(?!\')|one|two|three|four|five|six|seven|eight|nine)';
const TOKEN = new RegExp(
  [
    '([0-9\\uff10-\\uff19]+)',
    '([零〇洞一幺么二两兩三四五六七八九]+)',
    `\\b(double|triple)[\\s-]+(${UNIT}|[0-9])\\b`,
    `\\b(${EN_TENS.join('|')})(?:[\\s-]+(${UNIT.replace('oh|o(?!\')|', '')}))?\\b`,
    `\\b(${EN_TEENS.join('|')}|${UNIT})\\b`,
  ].join('|'),
  'gi',
);

// 什么, 怎么, 那么 …: 么 is part of a word there, not the digit one.
const MO_WORDS = /[什怎那这這多要干幹为為]$/;

function englishDigits(word: string): string {
  return EN_VALUE.get(word.toLowerCase()) ?? '';
}

function tokenFromMatch(m: RegExpExecArray, text: string): DigitToken | null {
  let start = m.index;
  const end = start + m[0].length;
  if (m[1] !== undefined) {
    let digits = '';
    for (const ch of m[1]) {
      const code = ch.charCodeAt(0);
      digits += code >= 0xff10 ? String.fromCharCode(code - 0xfee0) : ch;
    }
    return { digits, start, end, weak: false, spoken: false };
  }
  if (m[2] !== undefined) {
    let chars = m[2];
    if (chars[0] === '么' && MO_WORDS.test(text.slice(Math.max(0, start - 1), start))) {
      chars = chars.slice(1);
      start += 1;
      if (chars.length === 0) return null;
    }
    let digits = '';
    for (const ch of chars) digits += ZH_VALUE[ch] ?? '';
    const weak = chars.length === 1 && (chars === '么' || chars === '洞');
    return { digits, start, end, weak, spoken: true };
  }
  if (m[3] !== undefined && m[4] !== undefined) {
    const one = /^[0-9]$/.test(m[4]) ? m[4] : englishDigits(m[4]);
    return { digits: one.repeat(m[3].toLowerCase() === 'double' ? 2 : 3), start, end, weak: false, spoken: true };
  }
  if (m[5] !== undefined) {
    const tens = englishDigits(m[5]);
    const digits = m[6] !== undefined ? tens + englishDigits(m[6]) : `${tens}0`;
    return { digits, start, end, weak: false, spoken: true };
  }
  const word = (m[7] ?? '').toLowerCase();
  return { digits: englishDigits(word), start, end, weak: word === 'oh' || word === 'o', spoken: true };
}

// Spaces, one dash, and brackets as in "(415) 555-2671" or "A123456(3)".
const SPACE_OR_DASH = /^[\s\u3000]*[)）]?[\s\u3000]*[-–—‐]?[\s\u3000]*[(（]?[\s\u3000]*$/;
const PAUSE_COMMA = /^[\s\u3000]*[,，、][\s\u3000]*$/;

/**
 * Whether two tokens belong to one number. "1,234" is a thousands separator and "12.50" a
 * decimal point, so both split; a comma between spoken digits, or followed by a space, is a pause.
 */
function joinable(gap: string, a: DigitToken, b: DigitToken): boolean {
  if (gap.length === 0) return true;
  if (gap.length > 4) return false;
  if (SPACE_OR_DASH.test(gap)) return true;
  if (PAUSE_COMMA.test(gap)) return a.spoken || b.spoken || /\s$/.test(gap);
  return false;
}

function closeRun(tokens: DigitToken[], text: string, out: DigitRun[]): void {
  // A weak word at an edge is a digit only when spoken straight on: "oh, four five" opens with
  // an interjection, "four five oh" ends with a zero.
  while (tokens.length > 0 && (tokens[0] as DigitToken).weak) {
    const next = tokens[1];
    if (next !== undefined && !/[,，、]/.test(text.slice((tokens[0] as DigitToken).end, next.start))) break;
    tokens.shift();
  }
  while (tokens.length > 0 && (tokens[tokens.length - 1] as DigitToken).weak) {
    const prev = tokens[tokens.length - 2];
    const last = tokens[tokens.length - 1] as DigitToken;
    if (prev !== undefined && !/[,，、]/.test(text.slice(prev.end, last.start))) break;
    tokens.pop();
  }
  if (tokens.length === 0) return;
  const first = tokens[0] as DigitToken;
  const last = tokens[tokens.length - 1] as DigitToken;
  let digits = '';
  let spoken = false;
  for (const t of tokens) {
    digits += t.digits;
    spoken ||= t.spoken;
  }
  out.push({ digits, start: first.start, end: last.end, tokens, spoken });
}

/** Every maximal run of digits in the text, in order. */
export function findDigitRuns(text: string): DigitRun[] {
  const runs: DigitRun[] = [];
  let current: DigitToken[] = [];
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN.exec(text)) !== null) {
    const token = tokenFromMatch(m, text);
    if (token === null || token.digits.length === 0) continue;
    const prev = current[current.length - 1];
    if (prev !== undefined && !joinable(text.slice(prev.end, token.start), prev, token)) {
      closeRun(current, text, runs);
      current = [];
    }
    current.push(token);
  }
  closeRun(current, text, runs);
  return runs;
}

/** The source span of digits [from, to) of a run, at token boundaries (tokens are not split). */
export function spanOfDigits(run: DigitRun, from: number, to: number): { start: number; end: number } | null {
  let offset = 0;
  let start = -1;
  let end = -1;
  for (const t of run.tokens) {
    if (offset === from) start = t.start;
    offset += t.digits.length;
    if (offset === to) end = t.end;
  }
  return start >= 0 && end >= 0 ? { start, end } : null;
}
