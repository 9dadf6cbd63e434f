// Prosody evidence in words an agent takes in at a glance: "pitch up 40 % on their baseline".
// Only what stands out against the caller's own baseline is said.

import type { ProsodySummary } from '../features/types.js';

export function describeProsody(p: ProsodySummary): string[] {
  if (p.baselineSpeechS < 2) return [];
  const out: string[] = [];
  const pct = (x: number) => `${x > 0 ? 'up' : 'down'} ${Math.abs(Math.round(x))} %`;
  if (Math.abs(p.pitchRelPct) >= 15) out.push(`pitch ${pct(p.pitchRelPct)} on their baseline`);
  if (Math.abs(p.loudnessRelDb) >= 3) out.push(`${p.loudnessRelDb > 0 ? 'louder' : 'quieter'} by ${Math.abs(p.loudnessRelDb).toFixed(0)} dB`);
  if (Math.abs(p.speakingRateRelPct) >= 15) out.push(`speaking rate ${pct(p.speakingRateRelPct)}`);
  if (Math.abs(p.pitchRangeRelPct) >= 30) out.push(`pitch range ${pct(p.pitchRangeRelPct)}`);
  return out;
}
