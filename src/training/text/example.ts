// One labelled training or evaluation utterance, whatever corpus it came from.

import type { EmotionLabel } from '../../frames/types.js';
import type { TextContext } from '../../text/emotion/context.js';

/**
 * How a corpus label relates to our four classes:
 * - target: maps to exactly one of neutral/anger/anxiety/disappointment (scored in macro-F1);
 * - benign: a non-target emotion that must not raise an alert (joy, gratitude…), trained as
 *   neutral, left out of macro-F1 and reported as a false-alarm rate;
 * - other: a non-target emotion too close to ours to call neutral (disgust, disapproval,
 *   surprise, remorse…) or a multi-label row whose labels map to different classes: neither
 *   trained on nor in macro-F1; reported as a false-alarm rate too.
 */
export type LabelKind = 'target' | 'benign' | 'other';

export interface Example {
  text: string;
  /** BCP-47 tag passed to the featurizer (en-US, zh-CN…). */
  language: string;
  kind: LabelKind;
  /** The class to train on: the target label, or neutral for benign rows; null for other. */
  label: EmotionLabel | null;
  /**
   * The class under the all-rows protocol, defined for every row: non-target emotions → neutral;
   * a row whose labels map to several of our classes → the first of anger, anxiety, disappointment.
   */
  allRowsLabel: EmotionLabel;
  /** The corpus's own label(s), for reports. */
  sourceLabel: string;
  /** Where the row came from: goemotions, smp2020, smp2020-virus, nlpcc2013, cped, stc3, synthetic, custom. */
  corpus: string;
  /** The turns before it, for rows from dialogues (CPED, STC-3). */
  context?: TextContext;
  /** The dialogue it belongs to (splits and dialogue-level scores keep a dialogue together). */
  dialogueId?: string;
}
