// Whether the voice model may judge a window of one call, and its verdict when it may. The model
// says nothing (probs null, which the fusion treats as no voice evidence) when the call is in a
// language it was not validated on, or when the window does not sound like the human speech it
// was trained on — a synthetic voice, hold music, noise, tones (the gate in prosody.ts). A line
// carries one source for a while, so the gate also keeps a memory of the call: a synthetic voice
// whose odd window happens to pass is still refused while a share of its recent windows were
// unfamiliar. The share, not the mean score: the gate's scores sit near 0 or near 1, and on clean
// digital espeak audio (not the phone-line audio it was trained on) a quarter or more of a
// synthetic caller's windows score low, which pulled a mean under the threshold while the share
// stayed far above what human speech reaches (models/prosody.md: refused by the gate).
// Nor does it judge a window almost none of whose speech is voiced — whispered or breathy sound:
// every clip it was trained on is phonated speech, and its pitch and voice-quality inputs mean
// nothing without a voice (espeak-ng's whisper voice passed the gate and came out as anger).

import type { EmotionProbs } from '../frames/types.js';
import type { ProsodyModel } from './prosody.js';
import { isValidatedLanguage } from './voice-language.js';
import { NORMALIZED_NAMES } from '../features/index.js';

/** Why a window got no verdict. */
export type Abstention = 'language' | 'unfamiliar';

export interface VoiceJudgement {
  probs: EmotionProbs | null;
  abstained: Abstention | null;
  /** The window's unfamiliarity (0 when not measured). */
  unfamiliarity: number;
}

/**
 * How many of the call's judged windows the unfamiliarity memory spans (an exponential average
 * over windows, 10 s of speech at the live 250 ms interval). Over windows, not media time: the
 * silence between a caller's turns neither adds to the memory nor wipes it.
 */
export const UNFAMILIAR_MEMORY_WINDOWS = 40;
/** Every window is refused while this share of the call's recent windows were unfamiliar. */
export const UNFAMILIAR_SHARE_ABOVE = 0.25;

/**
 * A window is not judged when less than this share of its speech frames carry a pitch. Measured
 * over the corpora (2,100 clips over the telephone channel, each judged whole as in training):
 * 0.151 at the least, median 0.619; each speaker's clips back to back over one phone line, live
 * 3 s windows every 250 ms: 10 of 8,300 windows below it, all stretches of line noise between
 * clips that the voice detector let in. espeak-ng's whispering Mandarin voice: 0.00–0.04 in
 * every window.
 */
export const MIN_VOICED_SHARE = 0.08;
const VOICED_SHARE_AT = NORMALIZED_NAMES.indexOf('abs_voicing_ratio');

export class VoiceJudge {
  private readonly languageOk: boolean;
  /** Exponential average over the call's windows of 1 (unfamiliar) or 0. */
  private recent = Number.NaN;

  /**
   * `language` is the call's BCP-47 tag; null when it is not known (an offline file), which
   * skips the language check. A model that names no languages (an older file, or a bank's own
   * data without a lang column) judges every language.
   */
  /** `minVoicedShare` 0 turns the voicing check off (the card's "without the checks" column). */
  constructor(
    private readonly model: ProsodyModel,
    language: string | null,
    private readonly minVoicedShare = MIN_VOICED_SHARE,
  ) {
    this.languageOk = language === null || model.languages.length === 0 || isValidatedLanguage(language, model.languages);
  }

  /** The verdict on the call's next window of normalised features (windows in media-time order). */
  judge(features: Float32Array): VoiceJudgement {
    if (!this.languageOk) return { probs: null, abstained: 'language', unfamiliarity: 0 };
    const score = this.model.unfamiliarity(features);
    // Not counted in the memory below: that is the gate's, of sources, and a whispered stretch
    // says nothing about whether the next phonated one is a human voice.
    if (features[VOICED_SHARE_AT]! < this.minVoicedShare) return { probs: null, abstained: 'unfamiliar', unfamiliarity: score };
    const unfamiliar = score >= this.model.unfamiliarAbove ? 1 : 0;
    this.recent = Number.isNaN(this.recent) ? unfamiliar : this.recent + (unfamiliar - this.recent) / UNFAMILIAR_MEMORY_WINDOWS;
    if (unfamiliar === 1 || this.recent >= UNFAMILIAR_SHARE_ABOVE) {
      return { probs: null, abstained: 'unfamiliar', unfamiliarity: score };
    }
    return { probs: this.model.predict(features), abstained: null, unfamiliarity: score };
  }
}
