// Leave-speakers-out cross-validation: no speaker is ever in both the training and the test set.
// Corpora with many speakers are split into five folds of whole speakers (RAVDESS: four actors
// each), small ones leave one speaker out (CASIA). Each fold trains on every other speaker of
// every corpus, as the shipped model does; the cross-corpus check trains on one corpus only.
// Only recordings as they are (speed 1) are tested: speed-perturbed copies are for training.

import type { EmotionLabel } from '../frames/types.js';
import type { Example } from './dataset.js';
import type { TrainingClass } from './manifest.js';
import { evaluate, type Evaluation } from './metrics.js';
import { argmaxLabel, fitProsody, predictProsody, type ProsodyTrainerOptions } from './trainer.js';

/** Speaker folds of one corpus, in a stable order. */
export function speakerFolds(speakers: readonly string[], maxFolds = 5): string[][] {
  const sorted = [...new Set(speakers)].sort();
  const k = Math.min(maxFolds, sorted.length);
  const per = Math.ceil(sorted.length / k);
  const folds: string[][] = [];
  for (let i = 0; i < sorted.length; i += per) folds.push(sorted.slice(i, i + per));
  return folds;
}

export interface CorpusResult {
  corpus: string;
  evaluation: Evaluation;
  folds: number;
}

function score(model: ReturnType<typeof fitProsody>, test: readonly Example[]): { truth: TrainingClass[]; predicted: EmotionLabel[] } {
  return {
    truth: test.map((e) => e.cls),
    predicted: test.map((e) => argmaxLabel(predictProsody(model, e.x))),
  };
}

export function crossValidate(
  examples: readonly Example[],
  options: ProsodyTrainerOptions,
  onFold?: (corpus: string, fold: number, of: number) => void,
): CorpusResult[] {
  const corpora = [...new Set(examples.map((e) => e.row.corpus))].sort();
  return corpora.map((corpus) => {
    const folds = speakerFolds(examples.filter((e) => e.row.corpus === corpus).map((e) => e.row.speaker));
    const truth: TrainingClass[] = [];
    const predicted: EmotionLabel[] = [];
    folds.forEach((held, i) => {
      onFold?.(corpus, i + 1, folds.length);
      const heldOut = new Set(held);
      const model = fitProsody(examples.filter((e) => !heldOut.has(e.row.speaker)), options);
      const s = score(model, examples.filter((e) => heldOut.has(e.row.speaker) && e.speed === 1));
      truth.push(...s.truth);
      predicted.push(...s.predicted);
    });
    return { corpus, evaluation: evaluate(truth, predicted), folds: folds.length };
  });
}

/** Train on one corpus, test on another: how far the model travels across language and studio. */
export function crossCorpus(examples: readonly Example[], options: ProsodyTrainerOptions, trainCorpus: string, testCorpus: string): Evaluation {
  const model = fitProsody(examples.filter((e) => e.row.corpus === trainCorpus), options);
  const s = score(model, examples.filter((e) => e.row.corpus === testCorpus && e.speed === 1));
  return evaluate(s.truth, s.predicted);
}
