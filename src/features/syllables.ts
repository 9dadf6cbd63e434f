// Speaking-rate proxy: syllable nuclei counted as prominent peaks of the smoothed energy
// envelope in voiced speech (after de Jong & Wempe 2009). Words carry no weight here, only the
// rhythm of loud, voiced vowels separated by dips, which is language-independent enough for a
// baseline-relative rate. One state machine serves a window of frames (countSyllables) and a
// stretch that grows frame by frame (SyllableCounter, for the speaker baseline).

import type { FrameFeatures } from './types.js';

/** A nucleus must rise this far above the preceding dip and fall this far after it. */
const PROMINENCE_DB = 3;
/** Nuclei closer than this (ms / 10 ms frames) are one syllable. */
const MIN_GAP_FRAMES = 8;

interface Nuclei {
  count: number;
  dip: number;
  candidate: number;
  candidateAt: number;
  candidateVoiced: boolean;
  lastNucleusAt: number;
}

const start = (): Nuclei => ({ count: 0, dip: Number.POSITIVE_INFINITY, candidate: Number.NEGATIVE_INFINITY, candidateAt: -1, candidateVoiced: false, lastNucleusAt: -MIN_GAP_FRAMES });

/** Frame i (b), between its neighbours a and c (itself at either end of the frames). */
function step(s: Nuclei, i: number, a: FrameFeatures, b: FrameFeatures, c: FrameFeatures): void {
  // Three-frame moving average smooths pitch-period ripple without merging syllables.
  const level = b.isSpeech ? (a.rmsDb + b.rmsDb + c.rmsDb) / 3 : Number.NEGATIVE_INFINITY;
  if (s.candidateAt < 0) {
    if (level < s.dip) s.dip = level;
    if (level >= s.dip + PROMINENCE_DB) {
      s.candidate = level;
      s.candidateAt = i;
      s.candidateVoiced = b.pitchHz > 0;
    }
    return;
  }
  if (level > s.candidate) {
    s.candidate = level;
    s.candidateAt = i;
    s.candidateVoiced = s.candidateVoiced || b.pitchHz > 0;
  } else {
    s.candidateVoiced = s.candidateVoiced || (b.pitchHz > 0 && level > s.candidate - PROMINENCE_DB);
    if (level <= s.candidate - PROMINENCE_DB) {
      if (s.candidateVoiced && s.candidateAt - s.lastNucleusAt >= MIN_GAP_FRAMES) {
        s.count++;
        s.lastNucleusAt = s.candidateAt;
      }
      s.candidateAt = -1;
      s.dip = level;
    }
  }
}

/** The nuclei counted, with a candidate still open at the end counted too. */
const finish = (s: Nuclei): number => s.count + (s.candidateAt >= 0 && s.candidateVoiced && s.candidateAt - s.lastNucleusAt >= MIN_GAP_FRAMES ? 1 : 0);

/** Number of syllable nuclei in the frames (consecutive 10 ms hops). */
export function countSyllables(frames: readonly FrameFeatures[]): number {
  const n = frames.length;
  const s = start();
  for (let i = 0; i < n; i++) step(s, i, frames[Math.max(0, i - 1)]!, frames[i]!, frames[Math.min(n - 1, i + 1)]!);
  return finish(s);
}

/**
 * countSyllables of frames pushed one at a time: a frame is stepped once its successor is known;
 * count() steps the last one as the end of the frames on a copy of the state.
 */
export class SyllableCounter {
  private s = start();
  private readonly end = start();
  private frames = 0;
  /** The last two frames' levels, voicing and speech: what a step reads of a frame. */
  private prev: FrameFeatures | null = null;
  private last: FrameFeatures | null = null;

  reset(): void {
    this.s = start();
    this.frames = 0;
    this.prev = null;
    this.last = null;
  }

  push(f: FrameFeatures): void {
    if (this.last) step(this.s, this.frames - 1, this.prev ?? this.last, this.last, f);
    this.prev = this.last;
    this.last = f;
    this.frames++;
  }

  count(): number {
    if (!this.last) return 0;
    Object.assign(this.end, this.s);
    step(this.end, this.frames - 1, this.prev ?? this.last, this.last, this.last);
    return finish(this.end);
  }
}
