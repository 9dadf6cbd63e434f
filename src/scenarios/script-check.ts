// Whether a prompt is written in its call's language and script: English for en-*, Chinese for
// zh-*, and within Chinese Simplified for zh-CN but Traditional for zh-TW/zh-HK (manual §2 asks
// for rewrites in both scripts). A character counts as one script's only when OpenCC, converting
// the whole text in context, would change it both ways: Simplified-only if the Taiwan and Hong Kong
// conversions both change it, Traditional-only if both conversions to Simplified do.

import { opencc as converter, type Convert } from '../text/opencc.js';
import { resolveCallLanguage, type CallScript } from '../text/language/script.js';

function opencc() {
  return { toTw: converter('cn', 'tw'), toHk: converter('cn', 'hk'), twToCn: converter('tw', 'cn'), hkToCn: converter('hk', 'cn') };
}

const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/u;

export function expectedScript(language: string): CallScript {
  return resolveCallLanguage(language).script;
}

/** Positions where both conversions change the text: the characters that belong to the other script. */
function changedByBoth(text: string, a: Convert, b: Convert): string[] {
  const chars = [...text];
  const ca = [...a(text)];
  const cb = [...b(text)];
  // Phrase-level conversion keeps length for Han text; if it ever does not, judge char by char.
  const at = (conv: string[], fn: Convert, i: number) => (conv.length === chars.length ? conv[i] : fn(chars[i]!));
  return chars.filter((ch, i) => HAN.test(ch) && at(ca, a, i) !== ch && at(cb, b, i) !== ch);
}

/** Characters of the text that only Simplified writes (OpenCC's Taiwan and Hong Kong conversions both change them). */
export function simplifiedOnly(text: string): string[] {
  const c = opencc();
  return changedByBoth(text, c.toTw, c.toHk);
}

/** Characters of the text that only Traditional writes (conversion to Simplified changes them, in context). */
export function traditionalOnly(text: string): string[] {
  const c = opencc();
  return changedByBoth(text, c.twToCn, c.hkToCn);
}

/** Why the text is not in the script, or null when it is. Empty text is fine. */
export function scriptProblem(text: string, script: CallScript): string | null {
  const chars = [...text];
  const han = chars.filter((ch) => HAN.test(ch));
  if (script === 'en') return han.length > 0 ? `Chinese characters in an English prompt: ${han.slice(0, 8).join('')}` : null;
  if (chars.some((ch) => /[A-Za-z]/.test(ch)) && han.length === 0) return 'no Chinese characters in a Chinese prompt';
  const wrong = script === 'zh-Hant' ? simplifiedOnly(text) : traditionalOnly(text);
  if (wrong.length === 0) return null;
  const which = script === 'zh-Hant' ? 'Simplified' : 'Traditional';
  return `${which} characters in a ${script} prompt: ${[...new Set(wrong)].slice(0, 12).join('')}`;
}
