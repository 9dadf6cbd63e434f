// Held-out evaluation of the voice model, through the service's own loader and judge:
// - leave-speakers-out: no speaker is ever in both training and test. Corpora with many speakers
//   are split into five folds of whole speakers (RAVDESS: four actors each), small ones leave one
//   speaker out (CASIA); each fold trains on every other speaker of every corpus, as the shipped
//   model does;
// - leave-one-corpus-out: train on every other corpus, test on this one (another language, studio
//   and set of actors — the situation of the sealed evaluation set).
// Only recordings as they are (speed 1) are tested; each held-out call is judged in order, so the
// judge's memory of the call works as it does live. The language check is off here (with two
// corpora, leaving one out leaves its language out too): these scores say how the voice travels.

import { VoiceJudge } from '../classifiers/voice-judge.js';
import type { EmotionLabel, EmotionProbs } from '../frames/types.js';
import { calibrationOf, type Calibration } from './calibration.js';
import type { Example } from './dataset.js';
import type { TrainingClass } from './manifest.js';
import { evaluate, type Evaluation } from './metrics.js';
import { argmaxLabel } from './trainer.js';
import { runtimeModel, voiceFiles } from './voice-files.js';
import { fitVoice, type VoiceTrainerOptions } from './voice-model.js';

export type HeldOutScheme = 'leave-speakers-out' | 'leave-one-corpus-out';

/** Speaker folds of one corpus, in a stable order. */
export function speakerFolds(speakers: readonly string[], maxFolds = 5): string[][] {
  const sorted = [...new Set(speakers)].sort();
  const k = Math.min(maxFolds, sorted.length);
  const per = Math.ceil(sorted.length / k);
  const folds: string[][] = [];
  for (let i = 0; i < sorted.length; i += per) folds.push(sorted.slice(i, i + per));
  return folds;
}

export interface HeldOutResult {
  corpus: string;
  scheme: HeldOutScheme;
  folds: number;
  /** A refused clip counts as "nothing flagged" (neutral): the agent saw no voice verdict. */
  evaluation: Evaluation;
  /** Of the clips that got a verdict. */
  calibration: Calibration;
  /** Share of the held-out human speech clips the gate refused. */
  refused: number;
  /** Temperatures fitted in the folds (on their own held-out training speakers). */
  temperatures: number[];
}

interface Verdicts {
  truth: TrainingClass[];
  predicted: EmotionLabel[];
  probs: EmotionProbs[];
  probsTruth: EmotionLabel[];
  refused: number;
}

async function judgeHeldOut(train: readonly Example[], test: readonly Example[], unfamiliar: readonly { x: Float32Array }[], options: VoiceTrainerOptions, into: Verdicts): Promise<number> {
  const fitted = fitVoice(train, unfamiliar, options);
  const model = await runtimeModel(voiceFiles(fitted));
  const calls = new Map<number, Example[]>();
  for (const e of test) {
    const call = calls.get(e.session);
    if (call) call.push(e);
    else calls.set(e.session, [e]);
  }
  for (const call of calls.values()) {
    const judge = new VoiceJudge(model, null);
    for (const e of call.sort((a, b) => a.endMs - b.endMs)) {
      const verdict = judge.judge(e.x);
      into.truth.push(e.cls);
      if (!verdict.probs) {
        into.refused++;
        into.predicted.push('neutral');
        continue;
      }
      into.predicted.push(argmaxLabel(verdict.probs));
      into.probs.push(verdict.probs);
      into.probsTruth.push(e.cls === 'other' ? 'neutral' : e.cls);
    }
  }
  return fitted.temperature;
}

async function heldOut(
  corpus: string,
  scheme: HeldOutScheme,
  splits: ReadonlyArray<{ train: readonly Example[]; test: readonly Example[] }>,
  unfamiliar: readonly { x: Float32Array }[],
  options: VoiceTrainerOptions,
  onFold?: (label: string) => void,
): Promise<HeldOutResult> {
  const v: Verdicts = { truth: [], predicted: [], probs: [], probsTruth: [], refused: 0 };
  const temperatures: number[] = [];
  for (const [i, split] of splits.entries()) {
    onFold?.(`${scheme}: ${corpus} fold ${i + 1}/${splits.length}`);
    temperatures.push(await judgeHeldOut(split.train, split.test, unfamiliar, options, v));
  }
  return {
    corpus,
    scheme,
    folds: splits.length,
    evaluation: evaluate(v.truth, v.predicted),
    calibration: calibrationOf(v.probs, v.probsTruth),
    refused: v.truth.length > 0 ? v.refused / v.truth.length : Number.NaN,
    temperatures,
  };
}

export interface HeldOutScores {
  leaveSpeakersOut: HeldOutResult[];
  leaveOneCorpusOut: HeldOutResult[];
}

/** Both schemes for every corpus (leave-one-corpus-out only when there are other corpora). */
export async function heldOutEvaluations(
  examples: readonly Example[],
  unfamiliar: readonly { x: Float32Array }[],
  options: VoiceTrainerOptions,
  onFold?: (label: string) => void,
): Promise<HeldOutScores> {
  const corpora = [...new Set(examples.map((e) => e.row.corpus))].sort();
  const leaveSpeakersOut: HeldOutResult[] = [];
  const leaveOneCorpusOut: HeldOutResult[] = [];
  for (const corpus of corpora) {
    const own = examples.filter((e) => e.row.corpus === corpus);
    const splits = speakerFolds(own.map((e) => e.row.speaker)).map((held) => {
      const out = new Set(held);
      return { train: examples.filter((e) => !out.has(e.row.speaker)), test: own.filter((e) => out.has(e.row.speaker) && e.speed === 1) };
    });
    leaveSpeakersOut.push(await heldOut(corpus, 'leave-speakers-out', splits, unfamiliar, options, onFold));
  }
  if (corpora.length > 1) {
    for (const corpus of corpora) {
      const split = { train: examples.filter((e) => e.row.corpus !== corpus), test: examples.filter((e) => e.row.corpus === corpus && e.speed === 1) };
      leaveOneCorpusOut.push(await heldOut(corpus, 'leave-one-corpus-out', [split], unfamiliar, options, onFold));
    }
  }
  return { leaveSpeakersOut, leaveOneCorpusOut };
}
