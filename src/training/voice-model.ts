// The whole voice model as trained: the emotion MLP with its probabilities calibrated, the gate
// that refuses sounds unlike the training speech, and the languages the model was validated on.
// Calibration never sees the speakers a model is scored on: one speaker in five of each corpus
// (sorted by name) is held out of an inner fit, the temperature is fitted on that fit's verdicts
// on them, and the model trained on every speaker takes that temperature.

import { spokenLanguage } from '../classifiers/voice-language.js';
import { EMOTION_LABELS } from '../frames/types.js';
import { fitTemperature } from './calibration.js';
import type { Example } from './dataset.js';
import { fitGate, type FittedGate, type GateOptions } from './gate.js';
import type { TrainingClass } from './manifest.js';
import { predictMlp, type MlpModel } from './mlp.js';
import { fitProsody, type FittedProsody, type ProsodyTrainerOptions } from './trainer.js';

export interface VoiceTrainerOptions {
  emotion: ProsodyTrainerOptions;
  /** null trains no gate (every window with enough speech is judged). */
  gate: GateOptions | null;
  /** Fit a temperature on held-out speakers (off: temperature 1). */
  calibrate: boolean;
}

export interface FittedVoice {
  /** The emotion MLP; its output layer already divided by the temperature. */
  emotion: FittedProsody;
  temperature: number;
  gate: FittedGate | null;
  /** Spoken languages of the training clips (voice-language.ts), sorted. */
  languages: string[];
}

/** One speaker in five of each corpus with at least two speakers, in name order. */
export function calibrationSpeakers(examples: readonly Example[]): Set<string> {
  const byCorpus = new Map<string, Set<string>>();
  for (const e of examples) byCorpus.set(e.row.corpus, (byCorpus.get(e.row.corpus) ?? new Set()).add(e.row.speaker));
  const held = new Set<string>();
  for (const speakers of byCorpus.values()) {
    const sorted = [...speakers].sort();
    if (sorted.length < 2) continue;
    // From the third speaker on (the last one in a corpus of two): 4 of RAVDESS's 20 actors.
    const first = Math.min(2, sorted.length - 1);
    for (let i = first; i < sorted.length; i += 5) held.add(sorted[i]!);
  }
  return held;
}

/** Training class index → product label index (non-target folds into neutral). */
export function labelFold(classes: readonly TrainingClass[]): number[] {
  return classes.map((c) => EMOTION_LABELS.indexOf(c === 'other' ? 'neutral' : c));
}

function temperatureOn(inner: FittedProsody, held: readonly Example[]): number {
  const fold = labelFold(inner.classes);
  const logits = held.map((e) => Array.from(predictMlp(inner.model, e.x), (p) => Math.log(Math.max(p, 1e-12))));
  return fitTemperature(logits, held.map((e) => EMOTION_LABELS.indexOf(e.cls === 'other' ? 'neutral' : e.cls)), fold);
}

/** Divides the output layer by T: softmax(logits / T). */
function temper(model: MlpModel, temperature: number): void {
  for (let i = 0; i < model.w2.length; i++) model.w2[i] /= temperature;
  for (let i = 0; i < model.b2.length; i++) model.b2[i] /= temperature;
}

export function fitVoice(examples: readonly Example[], unfamiliar: readonly { x: Float32Array }[], options: VoiceTrainerOptions): FittedVoice {
  let temperature = 1;
  const held = options.calibrate ? calibrationSpeakers(examples) : new Set<string>();
  if (held.size > 0) {
    const inner = fitProsody(examples.filter((e) => !held.has(e.row.speaker)), options.emotion);
    temperature = temperatureOn(inner, examples.filter((e) => held.has(e.row.speaker) && e.speed === 1));
  }
  const emotion = fitProsody(examples, options.emotion);
  temper(emotion.model, temperature);
  const gate = options.gate && unfamiliar.length > 0 ? fitGate(examples, unfamiliar, options.gate) : null;
  const languages = [...new Set(examples.map((e) => spokenLanguage(e.row.lang)).filter((l) => l !== ''))].sort();
  return { emotion, temperature, gate, languages };
}
