// Prosody evidence in words an agent takes in at a glance, in the call's language: "pitch up 40 %
// on their baseline", 「音高比其常态高 40%」. Only what stands out against the caller's own baseline
// is said, and only what was measured on speech.

import type { ProsodySummary } from '../features/types.js';
import type { EvidenceWords } from './evidence-words.js';

/** Below this share of speech in the window, rate and range are not measured on speech. */
const MIN_VOICE_ACTIVITY = 0.2;

export function describeProsody(p: ProsodySummary, w: EvidenceWords): string[] {
  if (p.baselineSpeechS < 2 || p.voiceActivity < MIN_VOICE_ACTIVITY) return [];
  const out: string[] = [];
  const pct = (x: number) => Math.abs(Math.round(x));
  if (Math.abs(p.pitchRelPct) >= 15) out.push(w.say('pitch', { dir: w.word(p.pitchRelPct > 0 ? 'up' : 'down'), pct: pct(p.pitchRelPct) }));
  if (Math.abs(p.loudnessRelDb) >= 3) out.push(w.say('loudness', { dir: w.word(p.loudnessRelDb > 0 ? 'louder' : 'quieter'), db: Math.abs(p.loudnessRelDb).toFixed(0) }));
  if (Math.abs(p.speakingRateRelPct) >= 15 && p.speakingRateSylPerS > 0) {
    out.push(w.say('rate', { dir: w.word(p.speakingRateRelPct > 0 ? 'faster' : 'slower'), pct: pct(p.speakingRateRelPct) }));
  }
  if (Math.abs(p.pitchRangeRelPct) >= 30) out.push(w.say('pitchRange', { dir: w.word(p.pitchRangeRelPct > 0 ? 'wider' : 'narrower'), pct: pct(p.pitchRangeRelPct) }));
  return out;
}
