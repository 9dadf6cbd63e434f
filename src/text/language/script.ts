// Chinese script handling for the agent-language rules: which table and script a call uses, regex
// sources that match Simplified and Traditional alike (so offsets stay those of the raw
// utterance), and suggestions converted into the call's own script (src/text/opencc.ts). Suggestions are fixed
// texts, so their conversions are remembered and the converters can be let go when idle.

import { opencc, type Convert } from '../opencc.js';

export type CallScript = 'en' | 'zh-Hans' | 'zh-Hant';

export interface CallLanguage {
  /** Which rule table applies. */
  table: 'en' | 'zh';
  script: CallScript;
  /** OpenCC target for suggestions: Taiwan (with its vocabulary, 資訊) and Hong Kong spell differently. */
  variant: 'cn' | 'tw' | 'hk';
}

/**
 * zh-CN, zh-SG, zh-Hans(-*), zh, cmn → Simplified; zh-TW, zh-Hant → Traditional (Taiwan);
 * zh-HK, zh-MO, zh-Hant-HK, yue → Traditional (Hong Kong); everything else → English, since English is the
 * contact-centre lingua franca of the banks we target and a wrong table is better than none.
 */
export function resolveCallLanguage(tag: string): CallLanguage {
  const parts = tag.trim().toLowerCase().split(/[-_]/);
  const primary = parts[0] ?? '';
  if (primary !== 'zh' && primary !== 'yue' && primary !== 'cmn') {
    return { table: 'en', script: 'en', variant: 'cn' };
  }
  const has = (p: string): boolean => parts.includes(p);
  // An explicit script subtag wins over the region: zh-Hans-HK is Simplified.
  if (has('hans')) return { table: 'zh', script: 'zh-Hans', variant: 'cn' };
  if (has('hk') || has('mo') || (primary === 'yue' && !has('cn'))) {
    return { table: 'zh', script: 'zh-Hant', variant: 'hk' };
  }
  if (has('tw') || has('hant')) return { table: 'zh', script: 'zh-Hant', variant: 'tw' };
  return { table: 'zh', script: 'zh-Hans', variant: 'cn' };
}

type Target = 'toTw' | 'toTwPhrases' | 'toHk' | 'toCn';

// toTwPhrases adds Taiwan vocabulary (信息 → 資訊) and is for suggestions only, never for folding.
const OPTIONS: Readonly<Record<Target, readonly [from: 'cn' | 'tw', to: 'cn' | 'tw' | 'twp' | 'hk']>> = {
  toTw: ['cn', 'tw'],
  toTwPhrases: ['cn', 'twp'],
  toHk: ['cn', 'hk'],
  toCn: ['tw', 'cn'],
};

function converter(target: Target): Convert {
  return opencc(...OPTIONS[target]);
}

/** Converted suggestions: a playbook's and a rule table's texts are few and fixed. */
const converted = new Map<string, string>();
/** Folded regex sources (foldHanScripts): the rule tables' and the playbook's, as few and fixed. */
const folded = new Map<string, string>();
const MAX_CONVERTED = 4096;

/** This thread's conversions and folds as plain data, for another thread to start from. */
export interface ScriptCache {
  converted: [string, string][];
  folded: [string, string][];
}

export function scriptCacheEntries(): ScriptCache {
  return { converted: [...converted], folded: [...folded] };
}

/**
 * Starts this thread's caches from another's: texts converted and sources folded there are not
 * converted here again, so a thread primed with every fixed text never loads OpenCC's 42 MB
 * to-Traditional dictionaries (src/text/opencc.ts) — pipeline workers are primed this way.
 */
export function primeScriptCache(cache: ScriptCache): void {
  for (const [k, v] of cache.converted) converted.set(k, v);
  for (const [k, v] of cache.folded) folded.set(k, v);
}

/** A suggestion (written in Simplified) in the call's script. */
export function toCallScript(text: string, lang: CallLanguage): string {
  if (lang.table !== 'zh' || lang.variant === 'cn') return text;
  const key = `${lang.variant}\u0000${text}`;
  let out = converted.get(key);
  if (out === undefined) {
    // Taiwan writes accounts with 帳 (帳戶、帳號); OpenCC's tables pick 賬.
    out = lang.variant === 'hk' ? converter('toHk')(text) : converter('toTwPhrases')(text).replace(/賬/g, '帳');
    if (converted.size >= MAX_CONVERTED) converted.clear();
    converted.set(key, out);
  }
  return out;
}

// OpenCC maps one way and picks one form; speech-to-text engines and people use the others too
// (盡快 and 儘快, 帳號 and 賬號, 妳 for 你 in Taiwan, Cantonese 係).
const EXTRA_VARIANTS: readonly string[] = [
  '尽盡儘', '账帐賬帳', '么麼麽', '里裡裏', '说說説', '着著', '为為爲', '线線綫', '户戶戸', '启啟啓',
  '吗嗎', '别別', '钟鐘鍾', '冲沖衝', '后後', '发發髮', '系係繫', '你妳', '台臺檯', '干乾幹', '只隻',
  '于於', '面麵', '准準', '周週', '汇匯彙', '号號', '码碼', '复復複覆', '历歷曆', '云雲', '体體',
];

const HAN_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g;
const variantCache = new Map<string, Set<string>>();

function extraVariantsOf(ch: string): string {
  for (const group of EXTRA_VARIANTS) if (group.includes(ch)) return group;
  return ch;
}

/** Every script form of each character of a Han run, position by position. */
function variantsOfRun(run: string): Set<string>[] {
  const toTw = converter('toTw');
  const toHk = converter('toHk');
  const toCn = converter('toCn');
  const forms = [run, toTw(run), toHk(run), toCn(run)];
  const out: Set<string>[] = [];
  for (let i = 0; i < run.length; i++) {
    const ch = run[i] as string;
    let set = variantCache.get(ch);
    if (set === undefined) {
      set = new Set([ch, toTw(ch), toHk(ch), toCn(ch)]);
      for (const v of [...set]) for (const e of extraVariantsOf(v)) set.add(e);
      // A conversion may turn one character into two (rare); only 1:1 forms keep offsets exact.
      for (const v of [...set]) if (v.length !== 1) set.delete(v);
      variantCache.set(ch, set);
    }
    const merged = new Set(set);
    // Phrase-level conversion picks the right form in context (稍后 → 稍後, not 稍后).
    for (const f of forms) if (f.length === run.length) merged.add(f[i] as string);
    out.push(merged);
  }
  return out;
}

/**
 * Rewrites a regex source so each Han character also matches its other-script forms:
 * 无法 → [无無]法, and inside a class [你您] → [你妳您]. Non-Han text is left as it is.
 */
export function foldHanScripts(source: string): string {
  const cached = folded.get(source);
  if (cached !== undefined) return cached;
  const out = foldUncached(source);
  if (folded.size >= MAX_CONVERTED) folded.clear();
  folded.set(source, out);
  return out;
}

function foldUncached(source: string): string {
  const runVariants = new Map<number, Set<string>>();
  for (const m of source.matchAll(HAN_RUN)) {
    const variants = variantsOfRun(m[0]);
    variants.forEach((set, i) => runVariants.set((m.index ?? 0) + i, set));
  }
  if (runVariants.size === 0) return source;
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i] as string;
    if (ch === '\\') {
      out += ch + (source[i + 1] ?? '');
      i += 1;
      continue;
    }
    if (ch === '[' && !inClass) inClass = true;
    else if (ch === ']' && inClass) inClass = false;
    const set = runVariants.get(i);
    if (set === undefined || set.size < 2) {
      out += ch;
      continue;
    }
    const members = [ch, ...[...set].filter((v) => v !== ch)].join('');
    out += inClass ? members : `[${members}]`;
  }
  return out;
}

/**
 * A same-length copy of the utterance for matching: curly quotes → ', full-width ASCII →
 * half-width. Same length, so match offsets are offsets into the raw utterance.
 */
export function normalizeForMatching(text: string): string {
  if (!/[\u2018\u2019\u201b\u2032`\uff01-\uff5e]/.test(text)) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x2018 || code === 0x2019 || code === 0x201b || code === 0x2032 || code === 0x60) out += "'";
    else if (code >= 0xff01 && code <= 0xff5e && !isCjkPunctuation(code)) out += String.fromCharCode(code - 0xfee0);
    else out += text[i];
  }
  return out;
}

// Full-width comma, stops and brackets are how Chinese is punctuated: keep them, since rules
// use them as clause boundaries.
function isCjkPunctuation(code: number): boolean {
  return code === 0xff0c || code === 0xff01 || code === 0xff1f || code === 0xff1b || code === 0xff1a
    || code === 0xff08 || code === 0xff09;
}
