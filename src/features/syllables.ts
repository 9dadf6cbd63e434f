// Speaking-rate proxy: syllable nuclei counted as prominent peaks of the smoothed energy
// envelope in voiced speech (after de Jong & Wempe 2009). Words carry no weight here, only the
// rhythm of loud, voiced vowels separated by dips, which is language-independent enough for a
// baseline-relative rate. One state machine serves a window of frames (countSyllables) and a
// stretch that grows frame by frame (SyllableCounter, for the speaker baseline).

import { columnsOf, type FrameColumns } from './frame-columns.js';
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

/** Frame i (level bDb, speech, pitch), between neighbours at levels aDb and cDb (itself at either end). */
function step(s: Nuclei, i: number, aDb: number, bDb: number, bSpeech: boolean, bPitchHz: number, cDb: number): void {
  // Three-frame moving average smooths pitch-period ripple without merging syllables.
  const level = bSpeech ? (aDb + bDb + cDb) / 3 : Number.NEGATIVE_INFINITY;
  if (s.candidateAt < 0) {
    if (level < s.dip) s.dip = level;
    if (level >= s.dip + PROMINENCE_DB) {
      s.candidate = level;
      s.candidateAt = i;
      s.candidateVoiced = bPitchHz > 0;
    }
    return;
  }
  if (level > s.candidate) {
    s.candidate = level;
    s.candidateAt = i;
    s.candidateVoiced = s.candidateVoiced || bPitchHz > 0;
  } else {
    s.candidateVoiced = s.candidateVoiced || (bPitchHz > 0 && level > s.candidate - PROMINENCE_DB);
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
  return countSyllablesIn(columnsOf(frames), 0, frames.length);
}

/** Number of syllable nuclei in frames from .. to − 1 of the columns. */
export function countSyllablesIn(c: FrameColumns, from: number, to: number): number {
  const s = start();
  const db = c.rmsDb;
  for (let i = from; i < to; i++) {
    step(s, i - from, db[Math.max(from, i - 1)]!, db[i]!, c.isSpeech[i] === 1, c.pitchHz[i]!, db[Math.min(to - 1, i + 1)]!);
  }
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
  /** What a step reads of the last two frames. */
  private prevDb = 0;
  private lastDb = 0;
  private lastSpeech = false;
  private lastPitchHz = 0;

  reset(): void {
    this.s = start();
    this.frames = 0;
  }

  /** Appends frame i of the columns. */
  push(c: FrameColumns, i: number): void {
    const db = c.rmsDb[i]!;
    if (this.frames > 0) step(this.s, this.frames - 1, this.frames > 1 ? this.prevDb : this.lastDb, this.lastDb, this.lastSpeech, this.lastPitchHz, db);
    this.prevDb = this.lastDb;
    this.lastDb = db;
    this.lastSpeech = c.isSpeech[i] === 1;
    this.lastPitchHz = c.pitchHz[i]!;
    this.frames++;
  }

  count(): number {
    if (this.frames === 0) return 0;
    Object.assign(this.end, this.s);
    step(this.end, this.frames - 1, this.frames > 1 ? this.prevDb : this.lastDb, this.lastDb, this.lastSpeech, this.lastPitchHz, this.lastDb);
    return finish(this.end);
  }
}
