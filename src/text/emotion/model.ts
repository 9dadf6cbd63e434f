// The caller-text emotion model at run time: built once from the shipped ONNX weights and sidecar
// (tables.ts loads them), then classifies an utterance (partial or final) synchronously in well under a millisecond, with the
// lexicon and pattern hits that justify the label as cues for the agent.

import { EMOTION_LABELS, type EmotionLabel, type EmotionProbs } from '../../frames/types.js';
import type { TextContext } from './context.js';
import type { CueHit } from './feature-sink.js';
import { Featurizer } from './featurizer.js';
import type { LexiconTables } from './lexicon.js';
import type { OnnxLinearWeights } from './onnx-weights.js';
import type { TextEmotionSidecar } from './sidecar.js';

export interface TextEmotionResult {
  label: EmotionLabel;
  probs: EmotionProbs;
  /** Short evidence strings (the caller's own words that matched), strongest first. */
  cues: string[];
  /**
   * The target emotion an unequivocal phrase in the utterance speaks for ("I want to make a
   * complaint", 「被盗刷」), when the model agrees (that emotion is its strongest target and at
   * least STRONG_MIN_PROB likely); null otherwise. Fusion may act on it at once, partial or final.
   */
  strong: EmotionLabel | null;
  /** The strong phrase names the feeling ("I'm furious"): it may replace another emotion in force at once. */
  named: boolean;
}

export interface TextEmotionModel {
  readonly version: string;
  /**
   * language: a BCP-47 tag (zh-CN, zh-TW, zh-HK, en-US, en-GB…); the script overrides a wrong tag.
   * context: the caller's previous turns and the agent's last turn (a model trained without
   * context ignores it).
   */
  classify(text: string, language: string, context?: TextContext): TextEmotionResult;
}

const MAX_CUES = 4;
/** The model's probability of a strong phrase's emotion needed to pass the phrase on as strong. */
export const STRONG_MIN_PROB = 0.4;
const MAX_CUE_CHARS = 40;
const CLASSES = EMOTION_LABELS.length;
const TARGETS: readonly EmotionLabel[] = ['anger', 'anxiety', 'disappointment'];

export class LinearTextEmotionModel implements TextEmotionModel {
  readonly version: string;
  private readonly featurizer: Featurizer;
  private readonly scores = new Float64Array(CLASSES);

  /** built: the sidecar's lexicon and idf already unpacked (tables.ts); absent: unpacked here. */
  constructor(
    sidecar: TextEmotionSidecar,
    private readonly linear: OnnxLinearWeights,
    built?: { lexicon: LexiconTables; idf: Float32Array | null },
  ) {
    this.version = sidecar.version;
    this.featurizer = new Featurizer({ ...sidecar.featurizer, lexicon: sidecar.lexicon }, built);
    if (linear.dimension !== this.featurizer.dimension || linear.classes !== CLASSES) {
      throw new Error(`text-emotion.onnx is ${linear.dimension}×${linear.classes}, the sidecar expects ${this.featurizer.dimension}×${CLASSES}`);
    }
  }

  classify(text: string, language: string, context?: TextContext): TextEmotionResult {
    if (text.trim().length === 0) return { label: 'neutral', probs: { neutral: 1, anger: 0, anxiety: 0, disappointment: 0 }, cues: [], strong: null, named: false };
    this.featurizer.featurize(text, language, context);
    const { indices, values, length, hits } = this.featurizer.sink;
    const { weights, bias } = this.linear;
    const scores = this.scores;
    for (let k = 0; k < CLASSES; k += 1) scores[k] = bias[k];
    for (let j = 0; j < length; j += 1) {
      const base = indices[j] * CLASSES;
      const v = values[j];
      for (let k = 0; k < CLASSES; k += 1) scores[k] += v * weights[base + k];
    }
    let max = -Infinity;
    for (let k = 0; k < CLASSES; k += 1) max = Math.max(max, scores[k]);
    let sum = 0;
    let best = 0;
    for (let k = 0; k < CLASSES; k += 1) {
      scores[k] = Math.exp(scores[k] - max);
      sum += scores[k];
      if (scores[k] > scores[best]) best = k;
    }
    const label = EMOTION_LABELS[best];
    const probs = { neutral: scores[0] / sum, anger: scores[1] / sum, anxiety: scores[2] / sum, disappointment: scores[3] / sum };
    const strong = strongEmotion(hits, probs);
    return { label, probs, cues: selectCues(hits, label), strong, named: strong !== null && hits.some((h) => h.names === true && h.label === strong) };
  }
}

/** The emotion of the utterance's strong phrases that the model also ranks first among targets. */
export function strongEmotion(hits: readonly CueHit[], probs: EmotionProbs): EmotionLabel | null {
  let top: EmotionLabel = 'anger';
  for (const l of TARGETS) if (probs[l] > probs[top]) top = l;
  if (probs[top] < STRONG_MIN_PROB) return null;
  return hits.some((h) => h.strong === true && h.label === top) ? top : null;
}

/** Hits that speak for the label; for neutral, the negated emotion words ("not angry") that explain it. */
export function selectCues(hits: readonly CueHit[], label: EmotionLabel): string[] {
  const relevant = hits.filter((h) => (label === 'neutral' ? h.negated || h.label === 'neutral' : h.label === label && !h.negated));
  relevant.sort((a, b) => b.strength - a.strength);
  const cues: string[] = [];
  for (const hit of relevant) {
    const cue = hit.text.trim().slice(0, MAX_CUE_CHARS);
    if (cue.length === 0 || cues.some((c) => c.includes(cue) || cue.includes(c))) continue;
    cues.push(cue);
    if (cues.length === MAX_CUES) break;
  }
  return cues;
}
