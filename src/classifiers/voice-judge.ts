// Whether the voice model may judge a window of one call, and its verdict when it may. The model
// says nothing (probs null, which the fusion treats as no voice evidence) when the call is in a
// language it was not validated on, or when the window does not sound like the human speech it
// was trained on — a synthetic voice, hold music, noise, tones (the gate in prosody.ts). A line
// carries one source for a while, so the gate also keeps a memory of the call: a synthetic voice
// whose odd window happens to pass is still refused while its recent windows were unfamiliar.

import type { EmotionProbs } from '../frames/types.js';
import type { ProsodyModel } from './prosody.js';
import { isValidatedLanguage } from './voice-language.js';

/** Why a window got no verdict. */
export type Abstention = 'language' | 'unfamiliar';

export interface VoiceJudgement {
  probs: EmotionProbs | null;
  abstained: Abstention | null;
  /** The window's unfamiliarity (0 when not measured). */
  unfamiliarity: number;
}

/** How long the call's unfamiliarity memory lasts (media time, exponential). */
export const UNFAMILIAR_MEMORY_MS = 5000;

export class VoiceJudge {
  private readonly languageOk: boolean;
  private recent = Number.NaN;
  private lastMs = 0;

  /**
   * `language` is the call's BCP-47 tag; null when it is not known (an offline file), which
   * skips the language check. A model that names no languages (an older file, or a bank's own
   * data without a lang column) judges every language.
   */
  constructor(
    private readonly model: ProsodyModel,
    language: string | null,
  ) {
    this.languageOk = language === null || model.languages.length === 0 || isValidatedLanguage(language, model.languages);
  }

  /** The verdict on a window of normalised features ending at media time tsMs. */
  judge(features: Float32Array, tsMs: number): VoiceJudgement {
    if (!this.languageOk) return { probs: null, abstained: 'language', unfamiliarity: 0 };
    const score = this.model.unfamiliarity(features);
    if (Number.isNaN(this.recent)) this.recent = score;
    else this.recent += (1 - Math.exp(-Math.max(0, tsMs - this.lastMs) / UNFAMILIAR_MEMORY_MS)) * (score - this.recent);
    this.lastMs = tsMs;
    if (score >= this.model.unfamiliarAbove || this.recent >= this.model.unfamiliarAbove) {
      return { probs: null, abstained: 'unfamiliar', unfamiliarity: score };
    }
    return { probs: this.model.predict(features), abstained: null, unfamiliarity: score };
  }
}
