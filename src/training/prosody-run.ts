// The prosody training run end to end: examples through the simulated telephone channel,
// leave-speakers-out evaluation, the final fit on every speaker, and the files it ships
// (ONNX graph, sidecar, model card). Shared by the train-prosody and eval-prosody commands.

import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NORMALIZED_NAMES } from '../features/index.js';
import { crossCorpus, crossValidate, type CorpusResult } from './crossval.js';
import { buildExamples, type DatasetOptions, type Example } from './dataset.js';
import type { ManifestRow } from './manifest.js';
import type { Evaluation } from './metrics.js';
import { DEFAULT_MLP_OPTIONS } from './mlp.js';
import { renderProsodyCard } from './prosody-card.js';
import { prosodyModelToOnnx } from './prosody-onnx.js';
import { fitProsody, type FittedProsody, type ProsodyTrainerOptions } from './trainer.js';

export const DEFAULT_TRAINER_OPTIONS: ProsodyTrainerOptions = { mlp: DEFAULT_MLP_OPTIONS, classMode: 'other-class', neutralBias: 1, ensemble: 3 };

export interface ProsodyScores {
  perCorpus: CorpusResult[];
  crossCorpus: Array<{ train: string; test: string; evaluation: Evaluation }>;
}

export function makeExamples(rows: readonly ManifestRow[], options: DatasetOptions, log: (line: string) => void): Example[] {
  let lastPct = -1;
  return buildExamples(rows, {
    ...options,
    onProgress: (done, total) => {
      const pct = Math.floor((done / total) * 10) * 10;
      if (pct !== lastPct) {
        lastPct = pct;
        log(`features: ${pct}% of ${total} clip passes`);
      }
    },
  });
}

export function evaluateProsody(examples: readonly Example[], trainer: ProsodyTrainerOptions, log: (line: string) => void): ProsodyScores {
  const perCorpus = crossValidate(examples, trainer, (corpus, fold, of) => log(`cross-validation: ${corpus} fold ${fold}/${of}`));
  const corpora = perCorpus.map((r) => r.corpus);
  const cross: ProsodyScores['crossCorpus'] = [];
  for (const train of corpora) {
    for (const test of corpora) {
      if (train === test) continue;
      log(`cross-corpus: ${train} → ${test}`);
      cross.push({ train, test, evaluation: crossCorpus(examples, trainer, train, test) });
    }
  }
  return { perCorpus, crossCorpus: cross };
}

export interface TrainingRecord {
  dataset: DatasetOptions;
  trainer: ProsodyTrainerOptions;
  clips: number;
  speakers: number;
  corpora: Record<string, { clips: number; speakers: number }>;
  command: string;
}

export interface WrittenModel {
  onnxPath: string;
  cardPath: string;
  sidecarPath: string;
  version: string;
}

export function fitFinal(examples: readonly Example[], trainer: ProsodyTrainerOptions): FittedProsody {
  return fitProsody(examples, trainer);
}

export function writeProsodyModel(outDir: string, fitted: FittedProsody, record: TrainingRecord, scores: ProsodyScores | null): WrittenModel {
  mkdirSync(outDir, { recursive: true });
  const provisional = prosodyModelToOnnx(fitted.model, fitted.classes, {});
  const version = `prosody-${createHash('sha256').update(provisional).digest('hex').slice(0, 12)}`;
  const onnx = prosodyModelToOnnx(fitted.model, fitted.classes, { version, inputs: String(NORMALIZED_NAMES.length) });
  const onnxPath = join(outDir, 'prosody.onnx');
  const sidecarPath = join(outDir, 'prosody.json');
  const cardPath = join(outDir, 'prosody.md');
  writeFileSync(onnxPath, onnx);
  const sidecar = {
    version,
    classes: fitted.classes,
    outputs: ['neutral', 'anger', 'anxiety', 'disappointment'],
    inputs: NORMALIZED_NAMES,
    training: record,
  };
  writeFileSync(sidecarPath, `${JSON.stringify(sidecar, null, 2)}\n`);
  writeFileSync(cardPath, renderProsodyCard({ version, record, scores, fitted }));
  return { onnxPath, cardPath, sidecarPath, version };
}
