// Whether a prompt is written in its call's language and script: English for en-*, Chinese for
// zh-*, and within Chinese Simplified for zh-CN but Traditional for zh-TW/zh-HK (manual §2 asks
// for rewrites in both scripts). A character counts as one script's only when OpenCC would
// convert it: Simplified-only if both Taiwan and Hong Kong conversions change it, Traditional-only
// if converting to Simplified changes it.

import { Converter } from 'opencc-js';
import { resolveCallLanguage, type CallScript } from '../text/language/script.js';

type Convert = (text: string) => string;
let converters: { toTw: Convert; toHk: Convert; twToCn: Convert; hkToCn: Convert } | null = null;

function opencc() {
  converters ??= {
    toTw: Converter({ from: 'cn', to: 'tw' }),
    toHk: Converter({ from: 'cn', to: 'hk' }),
    twToCn: Converter({ from: 'tw', to: 'cn' }),
    hkToCn: Converter({ from: 'hk', to: 'cn' }),
  };
  return converters;
}

const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/u;

export function expectedScript(language: string): CallScript {
  return resolveCallLanguage(language).script;
}

export function simplifiedOnly(ch: string): boolean {
  const c = opencc();
  return c.toTw(ch) !== ch && c.toHk(ch) !== ch;
}

export function traditionalOnly(ch: string): boolean {
  const c = opencc();
  return c.twToCn(ch) !== ch || c.hkToCn(ch) !== ch;
}

/** Why the text is not in the script, or null when it is. Empty text is fine. */
export function scriptProblem(text: string, script: CallScript): string | null {
  const chars = [...text];
  const han = chars.filter((ch) => HAN.test(ch));
  if (script === 'en') return han.length > 0 ? `Chinese characters in an English prompt: ${han.slice(0, 8).join('')}` : null;
  if (chars.some((ch) => /[A-Za-z]/.test(ch)) && han.length === 0) return 'no Chinese characters in a Chinese prompt';
  const wrong = han.filter(script === 'zh-Hant' ? simplifiedOnly : traditionalOnly);
  if (wrong.length === 0) return null;
  const which = script === 'zh-Hant' ? 'Simplified' : 'Traditional';
  return `${which} characters in a ${script} prompt: ${[...new Set(wrong)].slice(0, 12).join('')}`;
}
