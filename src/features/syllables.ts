// Speaking-rate proxy: syllable nuclei counted as prominent peaks of the smoothed energy
// envelope in voiced speech (after de Jong & Wempe 2009). Words carry no weight here, only the
// rhythm of loud, voiced vowels separated by dips, which is language-independent enough for a
// baseline-relative rate.

import type { FrameFeatures } from './types.js';

/** A nucleus must rise this far above the preceding dip and fall this far after it. */
const PROMINENCE_DB = 3;
/** Nuclei closer than this (ms / 10 ms frames) are one syllable. */
const MIN_GAP_FRAMES = 8;

/** Number of syllable nuclei in the frames (consecutive 10 ms hops). */
export function countSyllables(frames: readonly FrameFeatures[]): number {
  const n = frames.length;
  let count = 0;
  let dip = Number.POSITIVE_INFINITY;
  let candidate = Number.NEGATIVE_INFINITY;
  let candidateAt = -1;
  let candidateVoiced = false;
  let lastNucleusAt = -MIN_GAP_FRAMES;
  for (let i = 0; i < n; i++) {
    // Three-frame moving average smooths pitch-period ripple without merging syllables.
    const a = frames[Math.max(0, i - 1)];
    const b = frames[i];
    const c = frames[Math.min(n - 1, i + 1)];
    const level = b.isSpeech ? (a.rmsDb + b.rmsDb + c.rmsDb) / 3 : Number.NEGATIVE_INFINITY;
    if (candidateAt < 0) {
      if (level < dip) dip = level;
      if (level >= dip + PROMINENCE_DB) {
        candidate = level;
        candidateAt = i;
        candidateVoiced = b.pitchHz > 0;
      }
      continue;
    }
    if (level > candidate) {
      candidate = level;
      candidateAt = i;
      candidateVoiced = candidateVoiced || b.pitchHz > 0;
    } else {
      candidateVoiced = candidateVoiced || (b.pitchHz > 0 && level > candidate - PROMINENCE_DB);
      if (level <= candidate - PROMINENCE_DB) {
        if (candidateVoiced && candidateAt - lastNucleusAt >= MIN_GAP_FRAMES) {
          count++;
          lastNucleusAt = candidateAt;
        }
        candidateAt = -1;
        dip = level;
      }
    }
  }
  if (candidateAt >= 0 && candidateVoiced && candidateAt - lastNucleusAt >= MIN_GAP_FRAMES) count++;
  return count;
}
