// The caller's voice as fusion evidence: the prosody model's verdicts smoothed on media time (an
// exponential average, each verdict moving it as much as its window held speech), how much speech
// the caller's baseline held, and the caller's habit — the
// mean verdict over the call until HABIT_LAG_MS ago. Voice alone may only flag a change in how the
// caller sounds: a voice the model always hears as angry (a synthetic or robotic voice, a naturally
// loud or deep caller, a model's bias on an unseen voice) is how that caller sounds, not an emotion.

import { EMOTION_LABELS, type EmotionLabel, type EmotionProbs } from '../frames/types.js';

/**
 * The newest verdicts are left out of the habit: a change in the voice takes this long to pass a
 * 3 s window, the smoothing and voice alone's onset time, and would otherwise count as the habit
 * before it could start a state.
 */
const HABIT_LAG_MS = 8000;

export class VoiceEvidence {
  probs: EmotionProbs | null = null;
  atMs = -Infinity;
  /** Speech in the caller's baseline when the newest verdict was made, s. */
  baselineS = 0;
  private readonly habitSum: EmotionProbs = { neutral: 0, anger: 0, anxiety: 0, disappointment: 0 };
  private habitCount = 0;
  /** Verdicts not yet old enough for the habit. */
  private readonly recent: { tsMs: number; probs: EmotionProbs }[] = [];

  /** weight: how much this verdict counts (1: a window full of speech). */
  add(probs: EmotionProbs, tsMs: number, baselineS: number, weight: number, smoothingMs: number, staleMs: number): void {
    this.baselineS = baselineS;
    if (!this.probs || tsMs - this.atMs > staleMs) {
      this.probs = { ...probs };
    } else {
      const a = weight * (1 - Math.exp(-Math.max(0, tsMs - this.atMs) / smoothingMs));
      for (const l of EMOTION_LABELS) this.probs[l] += a * (probs[l] - this.probs[l]);
    }
    this.atMs = tsMs;
    this.recent.push({ tsMs, probs: { ...probs } });
    while (this.recent.length > 0 && this.recent[0]!.tsMs <= tsMs - HABIT_LAG_MS) {
      const old = this.recent.shift()!.probs;
      for (const l of EMOTION_LABELS) this.habitSum[l] += old[l];
      this.habitCount++;
    }
  }

  /** Fresh enough to count at tsMs. */
  current(tsMs: number, staleMs: number): EmotionProbs | null {
    return this.probs && tsMs - this.atMs <= staleMs ? this.probs : null;
  }

  /** The caller's mean verdict of `label` until HABIT_LAG_MS ago; 1 (they may always sound like that) before any. */
  habit(label: EmotionLabel): number {
    return this.habitCount === 0 ? 1 : this.habitSum[label] / this.habitCount;
  }
}
