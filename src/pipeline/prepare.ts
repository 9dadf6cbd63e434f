// What every pipeline worker needs ready before its first call, done once per process instead of
// once per worker: the language rules and the playbook's keywords folded across Chinese scripts,
// its prompt texts converted to Traditional (both need OpenCC's to-Traditional dictionaries, ~42 MB
// of heap each while loaded, which a worker's heap kept as ~150 MB of RSS after they were let
// go), and the prosody model checked against onnxruntime (a session per worker, ~14 MB each).
// It runs in a short-lived thread (worker-prepare.ts), whose heap goes when it ends; workers start
// from its results (primeScriptCache, loadProsodyModel's parityCheckedSha256). The text model's
// tables (weights, idf, lexicon: ~7 MB) are loaded here once on SharedArrayBuffers, which outlive
// this thread: every worker builds its model on the same copy instead of holding ~13 MB of its own.

import { loadProsodyModel, prosodyModelSha256 } from '../classifiers/prosody.js';
import { keywordMatcher } from '../policy/keywords.js';
import type { Playbook } from '../policy/schema.js';
import { loadTextModelTables, sharedAlloc, type TextModelTables } from '../text/emotion/index.js';
import { resolveCallLanguage, scriptCacheEntries, toCallScript, warmAgentLanguageRules, type JargonEntry, type ScriptCache } from '../text/language/index.js';

export interface PrepareInput {
  modelsDir: string | null;
  prosody: boolean;
  text: boolean;
  playbook: Playbook;
  jargon: readonly JargonEntry[];
}

export interface Prepared {
  scriptCache: ScriptCache;
  /** sha256 of the prosody model file checked against onnxruntime, or null (no model, or not checked). */
  prosodyCheckedSha256: string | null;
  /** The text model's tables on SharedArrayBuffers, or null (no model, or text off). */
  textTables: TextModelTables | null;
}

const TRADITIONAL = ['zh-TW', 'zh-HK'].map(resolveCallLanguage);

/** Every Simplified text of the playbook that a Traditional call shows converted (no zh-Hant given). */
function simplifiedTexts(node: unknown, out: string[]): string[] {
  if (Array.isArray(node)) for (const x of node) simplifiedTexts(x, out);
  else if (node !== null && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    const hans = o['zh-Hans'];
    if (o['zh-Hant'] === undefined && (typeof hans === 'string' || Array.isArray(hans))) {
      for (const t of [hans].flat()) if (typeof t === 'string') out.push(t);
    }
    for (const v of Object.values(o)) simplifiedTexts(v, out);
  }
  return out;
}

export async function prepareShared(input: PrepareInput): Promise<Prepared> {
  warmAgentLanguageRules(input.jargon);
  keywordMatcher(input.playbook, resolveCallLanguage('zh-CN'));
  for (const text of simplifiedTexts(input.playbook, [])) for (const lang of TRADITIONAL) toCallScript(text, lang);
  let prosodyCheckedSha256: string | null = null;
  if (input.modelsDir && input.prosody && (await loadProsodyModel(input.modelsDir))) prosodyCheckedSha256 = prosodyModelSha256(input.modelsDir);
  const textTables = input.modelsDir && input.text ? await loadTextModelTables(input.modelsDir, sharedAlloc) : null;
  return { scriptCache: scriptCacheEntries(), prosodyCheckedSha256, textTables };
}
