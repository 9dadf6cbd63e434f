// The "not a voice I know" detector: a small MLP that tells the corpora's human speech from the
// sounds in unfamiliar-examples.ts (synthetic voices, music, noise, tones). Its inputs are the
// window's own functionals that describe how a sound moves — pitch and loudness variability,
// spectral shape and flux, voicing, rhythm, pauses — and not MFCC means (vowel timbre, language,
// line), which told one corpus from the other: trained with them, a detector refused up to 73 %
// of the speech of a corpus it had not seen (scikit-learn harness, recorded in the model card).

import { NORMALIZED_NAMES } from '../features/index.js';
import { DEFAULT_MLP_OPTIONS, predictMlp, type MlpModel, type MlpOptions } from './mlp.js';
import { trainMlpEnsemble } from './mlp-ensemble.js';

/** Model-input names the detector reads: functionals without a baseline, MFCC means left out. */
export const GATE_INPUT_NAMES: readonly string[] = NORMALIZED_NAMES.filter((n) => n.startsWith('abs_') && !/mfcc\d+_mean$/.test(n));
const GATE_INDICES = GATE_INPUT_NAMES.map((n) => NORMALIZED_NAMES.indexOf(n));

export interface GateOptions {
  mlp: MlpOptions;
  /** A window whose unfamiliarity reaches this is not judged. */
  threshold: number;
}

export const DEFAULT_GATE_OPTIONS: GateOptions = {
  mlp: { ...DEFAULT_MLP_OPTIONS, hidden: 16, epochs: 20, inputNoise: 0.2 },
  // 0.5 refused 2–22 % of the speech of a corpus the detector never heard; 0.9 refused 0–2 %
  // and still caught 72–100 % of unfamiliar clips one by one (the call-level memory in
  // src/classifiers/voice-judge.ts catches most of the rest).
  threshold: 0.9,
};

export interface FittedGate {
  /** Two classes: 0 = speech like the training corpora, 1 = unfamiliar. */
  model: MlpModel;
  inputs: readonly string[];
  threshold: number;
}

/** The detector's input picked out of a full model-input vector. */
export function gateInput(x: Float32Array): Float32Array {
  return Float32Array.from(GATE_INDICES, (i) => x[i]!);
}

/** Trains on speech (label 0) against unfamiliar sounds (label 1), the two weighted equally. */
export function fitGate(speech: readonly { x: Float32Array }[], unfamiliar: readonly { x: Float32Array }[], options: GateOptions): FittedGate {
  const x = [...speech.map((e) => gateInput(e.x)), ...unfamiliar.map((e) => gateInput(e.x))];
  const y = [...speech.map(() => 0), ...unfamiliar.map(() => 1)];
  const total = x.length;
  const weight = y.map((c) => total / (2 * (c === 0 ? speech.length : unfamiliar.length)));
  const model = trainMlpEnsemble({ x, y, weight }, 2, options.mlp, 1);
  return { model, inputs: GATE_INPUT_NAMES, threshold: options.threshold };
}

/** Unfamiliarity 0..1 of one model-input vector. */
export function gateScore(gate: FittedGate, x: Float32Array): number {
  return predictMlp(gate.model, gateInput(x))[1]!;
}
