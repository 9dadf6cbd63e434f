// Synthetic speech (espeak-ng) in the languages callcue serves: formant-synthesised voices that
// say real sentences with speech-like rhythm, but no human produced them. The voice model must
// not judge them (calm espeak Mandarin once came out as anger 0.92), so its "not a voice I know"
// detector trains on one half of espeak's voice variants and is measured on the other half.
// Sentences are the lines of a fixed list of scenario scripts (scenarios/*.json), split the same way.

import type { Scenario } from '../scenarios/schema.js';
import { speak } from '../scenarios/espeak.js';
import type { EspeakParams } from '../scenarios/voices.js';
import type { Rng } from './rng.js';

export type SyntheticLanguage = 'en' | 'cmn' | 'yue';
export const SYNTHETIC_LANGUAGES: readonly SyntheticLanguage[] = ['en', 'cmn', 'yue'];

/** Which half of the voices and sentences: the detector trains on one and is scored on the other. */
export type SyntheticSplit = 'train' | 'eval';

const VOICES: Record<SyntheticLanguage, readonly string[]> = {
  en: ['en-us', 'en-gb', 'en-us-nyc', 'en-gb-x-rp', 'en-gb-scotland', 'en-029'],
  cmn: ['cmn', 'cmn-latn-pinyin'],
  yue: ['yue'],
};

const VARIANTS: Record<SyntheticSplit, readonly string[]> = {
  train: ['m1', 'm3', 'm5', 'm7', 'f1', 'f3', 'f5', 'klatt', 'klatt3', 'croak', 'Andy', 'Annie', 'david', 'linda', 'robosoft', 'robosoft3', 'iven', 'steph', 'max', 'Lee'],
  eval: ['m2', 'm4', 'm6', 'f2', 'f4', 'klatt2', 'klatt4', 'whisper', 'Alicia', 'benjamin', 'belinda', 'robosoft2', 'robosoft5', 'iven2', 'steph2', 'paul', 'john', 'Jacky', 'aunty', 'edward'],
};

/** espeak's Mandarin and Cantonese voices are far louder than its English one at the same -a. */
const AMPLITUDE: Record<SyntheticLanguage, number> = { en: 100, cmn: 50, yue: 60 };
const RATE_WPM: Record<SyntheticLanguage, number> = { en: 165, cmn: 175, yue: 165 };

/**
 * The scenario scripts whose lines the synthetic voices say: a fixed list, so that a scenario added
 * for the demo or for eval-calls does not change what the gate trains and is scored on (the lines
 * alternate between the splits, so one new script reshuffles both halves).
 */
export const SENTENCE_SCENARIOS: readonly string[] = Object.freeze([
  'complaint-en-US',
  'complaint-zh-CN',
  'complaint-zh-HK',
  'emergency-en-US',
  'emergency-zh-CN',
  'enquiry-en-US',
  'enquiry-fee-en-US',
  'enquiry-fee-zh-CN',
  'enquiry-zh-CN',
  'transaction-en-US',
  'transaction-zh-CN',
]);

/** Lines of the SENTENCE_SCENARIOS in a language (Chinese lines serve both Chinese voices), alternate lines to each split. */
export function syntheticSentences(scenarios: readonly Scenario[], language: SyntheticLanguage, split: SyntheticSplit): string[] {
  const missing = SENTENCE_SCENARIOS.filter((id) => !scenarios.some((s) => s.id === id));
  // A renamed or removed script would quietly change what the gate trains on.
  if (missing.length > 0) throw new Error(`the synthetic voices' sentence scripts are missing: ${missing.join(', ')} (SENTENCE_SCENARIOS)`);
  const chinese = language !== 'en';
  const lines = scenarios
    .filter((s) => SENTENCE_SCENARIOS.includes(s.id) && /^(?:zh|yue|cmn)/i.test(s.language) === chinese)
    .flatMap((s) => s.turns.map((t) => t.text));
  return lines.filter((_, i) => i % 2 === (split === 'train' ? 0 : 1));
}

/** How a synthetic caller reads: calm (the case that once came out as anger) or acted lively. */
export type SyntheticDelivery = 'calm' | 'lively';

export interface SyntheticUtterance {
  language: SyntheticLanguage;
  params: EspeakParams;
  text: string;
}

/**
 * One synthetic caller: a voice and variant of the split, and a delivery — rate, pitch and
 * loudness around the voice's neutral reading when calm, far from it when lively (espeak's
 * emotions are only these three knobs and the pitch swing between clauses).
 */
export function drawSyntheticVoice(rng: Rng, language: SyntheticLanguage, split: SyntheticSplit, delivery: SyntheticDelivery): EspeakParams {
  const voices = VOICES[language];
  const variants = VARIANTS[split];
  const calm = delivery === 'calm';
  return {
    voice: `${voices[rng.int(voices.length)]!}+${variants[rng.int(variants.length)]!}`,
    rateWpm: Math.round(RATE_WPM[language] * (calm ? rng.uniform(0.85, 1.15) : rng.uniform(0.7, 1.4))),
    pitch: Math.round(calm ? rng.uniform(35, 60) : rng.uniform(10, 90)),
    amplitude: Math.round(AMPLITUDE[language] * (calm ? 1 : rng.uniform(0.5, 1.8))),
    wordGap: 0,
    pitchVariability: calm ? 0 : rng.uniform(0, 0.8),
  };
}

/** The voice saying one of the sentences, its rate and pitch moving a little from line to line. */
export function drawSyntheticUtterance(rng: Rng, language: SyntheticLanguage, voice: EspeakParams, sentences: readonly string[]): SyntheticUtterance {
  const params = { ...voice, rateWpm: Math.round(voice.rateWpm * rng.uniform(0.95, 1.05)), pitch: Math.max(0, Math.min(99, voice.pitch + rng.int(7) - 3)) };
  return { language, params, text: sentences[rng.int(sentences.length)]! };
}

/** 8 kHz samples of the utterance (espeak-ng runs once per utterance; results are cached on disk). */
export async function synthesize(u: SyntheticUtterance, cacheDir?: string): Promise<Float32Array> {
  return (await speak(u.text, u.params, cacheDir)).samples;
}
