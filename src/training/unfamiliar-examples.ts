// Calls whose "caller" is not a person the voice model knows how to hear: espeak-ng voices in
// English, Mandarin and Cantonese, hold music, line noise, signalling tones. Each call is one
// source (one synthetic voice, one piece of music…) heard through one drawn telephone line with
// the live baseline, exactly as corpus clips are (dataset.ts), so the detector that refuses them
// learns what differs in the sound, not in the processing.

import { loadScenarios } from '../scenarios/load.js';
import { callClips, type HeardClip } from './dataset.js';
import { createRng, type Rng } from './rng.js';
import {
  drawSyntheticUtterance,
  drawSyntheticVoice,
  synthesize,
  syntheticSentences,
  type SyntheticDelivery,
  type SyntheticLanguage,
  type SyntheticSplit,
} from './synthetic-speech.js';
import { unfamiliarSound, type UnfamiliarSoundKind } from './unfamiliar-sounds.js';

export type UnfamiliarKind = `synthetic-${SyntheticLanguage}` | UnfamiliarSoundKind;
export const UNFAMILIAR_KINDS: readonly UnfamiliarKind[] = ['synthetic-en', 'synthetic-cmn', 'synthetic-yue', 'music', 'noise', 'tones'];

export interface UnfamiliarExample extends HeardClip {
  kind: UnfamiliarKind;
  /** The simulated call it belongs to (unique within one build). */
  session: number;
}

/** Returns the next clip of one call: same voice or same music source throughout the call. */
export type ClipSource = (rng: Rng) => Promise<Float32Array>;

let sentenceCache: Map<string, string[]> | null = null;

function sentences(language: SyntheticLanguage, split: SyntheticSplit): string[] {
  sentenceCache ??= new Map();
  const key = `${language}/${split}`;
  let list = sentenceCache.get(key);
  if (!list) {
    list = syntheticSentences(loadScenarios(), language, split);
    sentenceCache.set(key, list);
  }
  return list;
}

/** One call's source of a kind; synthetic voices keep one voice and delivery for the call. */
export function clipSource(kind: UnfamiliarKind, rng: Rng, split: SyntheticSplit, delivery: SyntheticDelivery, cacheDir?: string): ClipSource {
  if (kind.startsWith('synthetic-')) {
    const language = kind.slice('synthetic-'.length) as SyntheticLanguage;
    const voice = drawSyntheticVoice(rng, language, split, delivery);
    const lines = sentences(language, split);
    return (r) => synthesize(drawSyntheticUtterance(r, language, voice, lines), cacheDir);
  }
  return async (r) => unfamiliarSound(kind as UnfamiliarSoundKind, r, r.uniform(2, 5));
}

export interface UnfamiliarOptions {
  split: SyntheticSplit;
  /** Clips of each kind (whole calls of 1–8 clips until reached). */
  clipsPerKind: number;
  seed: number;
  telephone: boolean;
  /** Where espeak-ng's output is cached (default: the scenarios' cache in the temp folder). */
  cacheDir?: string;
  onProgress?: (done: number, total: number) => void;
}

/** Gate training or evaluation examples: calls of every kind, 60 % of synthetic callers calm. */
export async function buildUnfamiliarExamples(options: UnfamiliarOptions): Promise<UnfamiliarExample[]> {
  const rng = createRng(options.seed);
  const out: UnfamiliarExample[] = [];
  const total = options.clipsPerKind * UNFAMILIAR_KINDS.length;
  let session = 0;
  for (const kind of UNFAMILIAR_KINDS) {
    let made = 0;
    while (made < options.clipsPerKind) {
      const callRng = rng.fork();
      const source = clipSource(kind, callRng, options.split, callRng.next() < 0.6 ? 'calm' : 'lively', options.cacheDir);
      const clips: Float32Array[] = [];
      const length = Math.min(1 + callRng.int(8), options.clipsPerKind - made);
      for (let i = 0; i < length; i++) clips.push(await source(callRng));
      for (const heard of callClips(clips, callRng, options.telephone)) out.push({ ...heard!, kind, session });
      session++;
      made += length;
      options.onProgress?.(out.length, total);
    }
  }
  return out;
}
