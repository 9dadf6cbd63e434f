// What an address looks like, so that only an address is hidden as one. After "what is your
// billing address?" the caller may say 「好的，那我就放心了，谢谢你」 — words that calm a call down
// and that QA needs, not an address. An address shows itself by its parts: a postcode (SW4 9LT),
// a house number before a street word (22 Acacia Avenue), a flat or floor (Flat 3, 12/F), a PO box;
// in Chinese, place units one after another (北京市朝阳区, 建国路88号, 九龍塘達之路八號; address-zh.ts).
//
// Standalone (no question, no "my address is"), only what is unmistakable counts — a house number
// and a street, a capitalised UK postcode, a Chinese street with its number — and only beside a
// word that makes it someone's ("moved to", "send it to", 「寄到」「我家」): "the branch is at 415
// Main Street" names a bank's branch, not a person. After a question or "I live at", weaker signs
// count (a postcode in any case, a district and a city, a 5-6 digit code).

import { findZhAddresses } from './address-zh.js';

/** A span of the text, UTF-16 offsets. */
interface SecretSpan {
  start: number;
  end: number;
}

/** 'i' flag per word: the identifiers after "Flat" or "Block" stay case-sensitive. */
const ci = (word: string) => word.replace(/[a-z]/g, (c) => `[${c}${c.toUpperCase()}]`);

const STREET_WORDS =
  'street|st|road|rd|avenue|ave|lane|ln|drive|dr|way|close|court|ct|crescent|cres|place|pl|terrace|gardens|gdns|grove|hill|park|square|sq|boulevard|blvd|row|mews|walk|highway|hwy|parkway|circle|parade|rise|green|wharf|quay|embankment';
const SPOKEN_NUMBER = '(?:(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|(?:thir|four|fif|six|seven|eigh|nine)teen|(?:twen|thir|for|fif|six|seven|eigh|nine)ty)(?:[\\s-](?:one|two|three|four|five|six|seven|eight|nine))?)';
// "22 Acacia Avenue", "22b Baker St", "twenty two Acacia Avenue": a number, one to three name words,
// a street word. Found from the street word backwards: a regex starting at every number was slow.
const STREET_WORD = new RegExp(`\\b(?:${STREET_WORDS})\\b`, 'gi');
const NUMBER_AND_NAME = new RegExp(`\\b(?:\\d{1,5}[A-Za-z]?|${SPOKEN_NUMBER})\\s+(?:[A-Za-z'’-]+\\s+){1,3}$`, 'i');
const STREET_LOOKBACK_CHARS = 48;
const UNIT = `\\b(?:${['flat', 'apartment', 'apt', 'unit', 'suite', 'block', 'tower'].map(ci).join('|')})\\s+(?:\\d{1,4}[A-Za-z]?|[A-Z])(?![A-Za-z])|\\b\\d{1,3}\\/[Ff]\\b|\\bP\\.?\\s?O\\.?\\s+[Bb]ox\\s+\\d+`;
const UK_POSTCODE = '\\b[A-Z]{1,2}\\d[A-Z\\d]?\\s*\\d[A-Z]{2}\\b';
const UK_POSTCODE_ANY_CASE = '\\b[A-Za-z]{1,2}\\d[A-Za-z\\d]?\\s*\\d[A-Za-z]{2}\\b';
// A bare 5-6 digit code (ZIP, 邮编) is an address part only where an address is expected.
const POSTAL_DIGITS = '(?<![\\d$¥￥£€]|\\d[.,])\\b\\d{5}(?:-\\d{4})?\\b(?![\\d%元块]|[.,]\\d)|(?<![0-9])\\d{6}(?![0-9])';

const STRONG_EN = new RegExp(`${UNIT}|${UK_POSTCODE}`, 'g');
const ANY_EN = new RegExp(`${UNIT}|${UK_POSTCODE_ANY_CASE}|${POSTAL_DIGITS}`, 'g');

// What may stand beside an English address core between commas: a house name, a town, a county,
// a postcode — short, and none of the words a sentence goes on with ("…, is that right?").
const NOT_A_PLACE = /\b(?:is|are|was|were|that|this|what|you|your|i|i'm|i’m|me|we|have|has|had|do|does|did|can|could|would|will|please|thanks|thank|yes|no|ok|okay|right|and|but|so|it|it's|it’s|there|if|then|because|just|now|sure|of)\b|[.;!?。；！？\n]/i;
const SEGMENT_WORDS = 4;
// "…, postcode SW4 9LT": the word that names the part stays; the value goes.
const PART_NAME = /^(?:post\s*code|postal\s+code|zip(?:\s+code)?|(?:(?:my|the|home|billing)\s+)*address)(?:\s+(?:is|was))?\s*[:=]?$/i;

function placeSegment(segment: string): boolean {
  const words = segment.trim();
  // Latin script only: a Chinese address has no commas inside, and its units are found whole.
  return /^[A-Za-z0-9][A-Za-z0-9 '’.-]*$/.test(words) && words.split(/\s+/).length <= SEGMENT_WORDS && !NOT_A_PLACE.test(words) && !PART_NAME.test(words);
}

function spans(pattern: RegExp, text: string, from: number): SecretSpan[] {
  const out: SecretSpan[] = [];
  pattern.lastIndex = from;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    if (m[0].length === 0) {
      pattern.lastIndex++;
      continue;
    }
    out.push({ start: m.index, end: m.index + m[0].trimEnd().length });
  }
  return out;
}

function streets(text: string, from: number): SecretSpan[] {
  const out: SecretSpan[] = [];
  STREET_WORD.lastIndex = from;
  for (let m = STREET_WORD.exec(text); m !== null; m = STREET_WORD.exec(text)) {
    const lookFrom = Math.max(from, m.index - STREET_LOOKBACK_CHARS);
    const before = NUMBER_AND_NAME.exec(text.slice(lookFrom, m.index));
    if (before !== null) out.push({ start: lookFrom + before.index, end: m.index + m[0].length });
  }
  return out;
}

/** Extends an address core over the comma-separated place names before and after it, within [floor, ceiling). */
function extend(text: string, s: SecretSpan, floor: number, ceiling: number): SecretSpan {
  let end = s.end;
  for (;;) {
    const comma = text.indexOf(',', end);
    if (comma < 0 || comma >= ceiling || text.slice(end, comma).trim() !== '') break;
    const next = text.slice(comma + 1, ceiling).search(/[,.;!?。；！？，\n]/);
    const segEnd = next < 0 ? ceiling : comma + 1 + next;
    if (!placeSegment(text.slice(comma + 1, segEnd))) break;
    end = comma + 1 + text.slice(comma + 1, segEnd).trimEnd().length;
  }
  let start = s.start;
  for (;;) {
    const comma = text.lastIndexOf(',', start - 1);
    const segStart = comma < floor ? floor : comma + 1;
    const segment = text.slice(segStart, start);
    if (segment.trim() === '' ) {
      if (comma < floor || start === segStart) break;
      start = comma;
      continue;
    }
    if (!placeSegment(segment)) break;
    start = segStart + (segment.length - segment.trimStart().length);
    if (comma < floor) break;
  }
  return { start, end };
}

/** Joins spans that touch or are separated by no more than a comma and spaces. */
function joined(list: SecretSpan[], text: string): SecretSpan[] {
  list.sort((a, b) => a.start - b.start);
  const out: SecretSpan[] = [];
  for (const s of list) {
    const last = out[out.length - 1];
    if (last !== undefined && (s.start <= last.end || /^[\s,，]*$/.test(text.slice(last.end, s.start)))) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

/** Words that make an address someone's own, for an address said without a question or a lead. */
const PERSONAL = /\b(?:live[ds]?|living|moved?|moving|home|house|flat|address|send|sent|post(?:ed)?|mail(?:ed)?|deliver(?:ed|y)?|letters?|statements?|parcel|courier|post\s*code|postcode|zip)\b|住|家|寄|搬|地址|收件|送到|[邮郵][寄编編]|快[递遞]|信件|[账帳]单|[帳賬]單/i;

export interface AddressOptions {
  /** An address is what this text should hold (it answers an address question, or follows "I live at"): weaker signs count. */
  expected?: boolean;
  /** Where the address may start (after "I live at", after a lead-in like "yes, it's"). */
  from?: number;
  /** Spans an address may not reach into (a date of birth said in the same answer). */
  stops?: readonly SecretSpan[];
}

/** Addresses in the text, in order. */
export function findAddresses(text: string, opts: AddressOptions = {}): SecretSpan[] {
  const from = opts.from ?? 0;
  if (!opts.expected && !PERSONAL.test(text)) return [];
  const found = [...spans(opts.expected ? ANY_EN : STRONG_EN, text, from), ...streets(text, from)];
  for (const s of findZhAddresses(text, from)) if (opts.expected || s.numbered) found.push({ start: s.start, end: s.end });
  if (found.length === 0) return [];
  const stops = opts.stops ?? [];
  const out: SecretSpan[] = [];
  for (const core of joined(found, text)) {
    if (stops.some((x) => x.start < core.end && core.start < x.end)) continue;
    const floor = Math.max(from, ...stops.filter((x) => x.end <= core.start).map((x) => x.end));
    const ceiling = Math.min(text.length, ...stops.filter((x) => x.start >= core.end).map((x) => x.start));
    out.push(extend(text, core, floor, ceiling));
  }
  return joined(out, text);
}
