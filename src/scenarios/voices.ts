// How a scenario is voiced with espeak-ng: which voice speaks the call's language, and how an
// acted emotion moves pitch, rate and loudness (manual §3: fast, high-pitched speech signals
// agitation; low, slow speech disappointment). Pure: espeak itself is run by espeak.ts.

import type { Track } from '../frames/types.js';
import type { Act, TurnStyle } from './schema.js';

export interface EspeakParams {
  /** Voice and variant, e.g. "en-us+f3". */
  voice: string;
  /** Words per minute (-s). */
  rateWpm: number;
  /** 0–99 (-p). */
  pitch: number;
  /** 0–200 (-a). */
  amplitude: number;
  /** Extra pause between words, in units of 10 ms (-g). */
  wordGap: number;
  /** 0..1: how much pitch moves from clause to clause (anxious speech is uneven). */
  pitchVariability: number;
}

/** The espeak voices for a call language, best first. */
export function voiceCandidates(language: string): string[] {
  const tag = language.toLowerCase();
  if (/^(?:yue|zh-(?:hk|mo)|zh-hant-(?:hk|mo))/.test(tag)) return ['yue', 'cmn-latn-pinyin', 'cmn'];
  if (/^(?:zh|cmn)/.test(tag)) return ['cmn-latn-pinyin', 'cmn'];
  if (tag.startsWith('en-gb')) return ['en-gb', 'en-us', 'en'];
  return ['en-us', 'en'];
}

/**
 * A neutral speaker of each voice family. espeak's Mandarin and Cantonese voices are slower per
 * syllable and much louder than its English one at the same settings (they clip at -a 100), so
 * each family has its own starting point; measured with the features in test/scenarios.
 */
function neutralVoice(voice: string): { rateWpm: number; amplitude: number; wordGapScale: number } {
  if (voice.startsWith('en')) return { rateWpm: 165, amplitude: 100, wordGapScale: 1 };
  // Every Han character is a "word" to espeak: a word gap would stretch each syllable.
  if (voice.startsWith('yue')) return { rateWpm: 165, amplitude: 60, wordGapScale: 0 };
  return { rateWpm: 175, amplitude: 50, wordGapScale: 0 };
}

/** How each emotion moves the voice at full intensity, relative to the speaker's neutral voice. */
const EMOTION_SHIFT: Readonly<Record<Act['emotion'], { rate: number; pitch: number; amplitude: number; wordGap: number; variability: number }>> = {
  neutral: { rate: 1, pitch: 0, amplitude: 1, wordGap: 0, variability: 0 },
  anger: { rate: 1.3, pitch: 26, amplitude: 1.8, wordGap: 0, variability: 0.25 },
  anxiety: { rate: 1.25, pitch: 20, amplitude: 1.2, wordGap: 0, variability: 0.8 },
  disappointment: { rate: 0.72, pitch: -20, amplitude: 0.55, wordGap: 6, variability: 0 },
};

const SPEAKER_PITCH: Readonly<Record<Track, number>> = { caller: 50, agent: 44 };

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const lerp = (from: number, to: number, t: number) => from + (to - from) * t;

export function espeakParams(voice: string, variant: string, speaker: Track, act?: Act, style?: TurnStyle): EspeakParams {
  const shift = EMOTION_SHIFT[act?.emotion ?? 'neutral'];
  const t = act?.intensity ?? 0;
  const base = neutralVoice(voice);
  return {
    voice: `${voice}+${variant}`,
    rateWpm: Math.round(clamp(base.rateWpm * lerp(1, shift.rate, t) * (style?.rate ?? 1), 80, 450)),
    pitch: Math.round(clamp(SPEAKER_PITCH[speaker] + shift.pitch * t + (style?.pitchShift ?? 0), 0, 99)),
    amplitude: Math.round(clamp(base.amplitude * lerp(1, shift.amplitude, t) * (style?.volume ?? 1), 5, 200)),
    wordGap: Math.round(shift.wordGap * t * base.wordGapScale),
    pitchVariability: shift.variability * t,
  };
}

/** Splits a line into clauses (kept with their punctuation), for clause-by-clause pitch movement. */
export function clauses(text: string): string[] {
  const parts = text.match(/[^,.;!?，。；！？、]+[,.;!?，。；！？、]*/gu) ?? [text];
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}

/** The pitch of clause i of an uneven delivery: alternating up and down around the base. */
export function clausePitch(params: EspeakParams, clauseIndex: number): number {
  if (params.pitchVariability === 0) return params.pitch;
  const swing = [1, -0.6, 0.8, -1, 0.4][clauseIndex % 5]!;
  return Math.round(clamp(params.pitch + swing * 30 * params.pitchVariability, 0, 99));
}
