// Language and script helpers for caller text: which family a BCP-47 tag or a string belongs to,
// and Traditional→Simplified conversion (opencc-js) so one Simplified-Chinese model serves
// zh-CN, zh-TW and zh-HK callers alike.

import { opencc } from './opencc.js';

export type TextLanguage = 'zh' | 'en';

// OpenCC's cn target keeps 帐 where Mainland usage (and the Weibo training text) writes 账 for
// accounts; without this, 帳戶 and 账户 would be different n-grams to the model.
const ACCOUNT_WORDS = /帐(户|号|单|目|款|本)|(到|转|对|入|记|查|算|结|销)帐/g;

function fixAccountChar(text: string): string {
  if (!text.includes('帐')) return text;
  return text.replace(ACCOUNT_WORDS, (m) => m.replace('帐', '账'));
}

/** The language family of a BCP-47 tag (zh-CN, zh-Hant-TW, yue-HK, en-GB…), or null if neither. */
export function languageOfTag(tag: string): TextLanguage | null {
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  if (primary === 'zh' || primary === 'yue' || primary === 'cmn' || primary === 'cn') return 'zh';
  if (primary === 'en') return 'en';
  return null;
}

/** Share of letters in the string that are CJK ideographs (0 when there are no letters). */
export function cjkShare(text: string): number {
  let cjk = 0;
  let letters = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if ((code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0x20000 && code <= 0x2a6df)) {
      cjk += 1;
      letters += 1;
    } else if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) {
      letters += 1;
    }
  }
  return letters === 0 ? 0 : cjk / letters;
}

/**
 * The language to analyse text in: the script decides when it is clear (a zh-CN line that is
 * all English is analysed as English, and the reverse), otherwise the tag, otherwise English.
 */
export function detectTextLanguage(text: string, tag = ''): TextLanguage {
  const share = cjkShare(text);
  if (share >= 0.3) return 'zh';
  // Latin letters only, and more than a stray acronym: English whatever the tag said.
  if (share === 0 && /[a-z]{2,}.*[a-z]{2,}/i.test(text)) return 'en';
  return languageOfTag(tag) ?? (share > 0 ? 'zh' : 'en');
}

/** Which OpenCC source variant suits the tag: Hong Kong and Macau spellings differ from Taiwan's. */
function variantOfTag(tag: string): 'hk' | 'tw' | 'twp' {
  const lower = tag.toLowerCase();
  if (/-(hk|mo)\b/.test(lower) || lower.startsWith('yue')) return 'hk';
  if (/-tw\b/.test(lower)) return 'twp';
  return 'tw';
}

/**
 * Simplified Chinese for any Chinese text. Simplified input passes through unchanged (the
 * conversion only maps Traditional forms), so it is safe to call on every Chinese line.
 */
export function toSimplified(text: string, tag = 'zh'): string {
  return fixAccountChar(opencc(variantOfTag(tag), 'cn')(text));
}
