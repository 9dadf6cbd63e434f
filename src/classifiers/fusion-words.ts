// The caller's words as fusion evidence: the newest utterance the text model judged (a partial
// replaces the previous partial or final), and whether it is unequivocal — words that start a
// state at once instead of after onsetMs. Words are unequivocal when the text model flags a strong
// phrase of a target emotion ("I want to make a complaint", 「被盗刷」) that it finds clearly more
// likely than the other targets, on a partial as on a final, or when it is at least
// sureFinalAbove sure of a target on a final. The model's certainty
// on a partial alone is not enough: a word it misreads stays in every later partial of the
// utterance ("Sorry, could you say that again…" read as disappointment from "Sorry" on).

import { EMOTION_LABELS, type EmotionLabel, type EmotionProbs } from '../frames/types.js';

export const TARGETS: readonly EmotionLabel[] = ['anger', 'anxiety', 'disappointment'];


export const argmax = (p: EmotionProbs, among: readonly EmotionLabel[] = EMOTION_LABELS): EmotionLabel =>
  among.reduce((best, l) => (p[l] > p[best] ? l : best), among[0]!);

export class WordsEvidence {
  probs: EmotionProbs | null = null;
  atMs = -Infinity;
  isFinal = true;
  /** The target emotion the newest words are unequivocal about, or null. */
  strong: EmotionLabel | null = null;
  /** The newest words' strong phrase names the feeling ("I'm furious"), not a situation. */
  named = false;

  /**
   * strongPhrase: the text model's flag for an unequivocal phrase in the utterance, if any. It is
   * taken only when the model finds its emotion at least phraseMargin ahead of every other target:
   * 「我對你們已經很失望」 flagged as anger at 0.51 against disappointment at 0.43 is not unequivocal.
   */
  add(probs: EmotionProbs, isFinal: boolean, tsMs: number, strongPhrase: EmotionLabel | null, strongAbove: number, phraseMargin: number, named = false): void {
    const top = argmax(probs, TARGETS);
    const clear = (l: EmotionLabel) => TARGETS.every((o) => o === l || probs[l] - probs[o] >= phraseMargin);
    const phrase = strongPhrase !== null && clear(strongPhrase) ? strongPhrase : null;
    this.strong = phrase ?? (isFinal && probs[top] >= strongAbove ? top : null);
    this.named = phrase !== null && named;
    this.probs = { ...probs };
    this.atMs = tsMs;
    this.isFinal = isFinal;
  }

  /** How much the words count at tsMs: fading with age, a partial counting partialWeight of a final. */
  weight(tsMs: number, textWeight: number, halfLifeMs: number, partialWeight: number): number {
    if (this.probs === null) return 0;
    return textWeight * 0.5 ** (Math.max(0, tsMs - this.atMs) / halfLifeMs) * (this.isFinal ? 1 : partialWeight);
  }
}
