// The per-class calibration an eval writes beside a plugged model (eval-text / eval-prosody
// --model DIR): how often the model is right when it says anger, anxiety or disappointment
// (precision on the labelled set). At run time each target class's probability is scaled by it
// (labels.ts), so a model that cries anger falsely half the time brings half its anger to the
// fusion — the class's weight. A calibration made for another version of the model is ignored.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ModelDirError } from './layout.js';
import { UNIT_WEIGHTS, type ClassWeights } from './labels.js';

export const CALIBRATION_FILE = 'calibration.json';
/** A class with fewer labelled examples than this keeps weight 1: too few to judge. */
const MIN_SUPPORT = 20;
/** No class is silenced outright: even a weak model's confident verdict says something. */
const MIN_WEIGHT = 0.2;

const perClass = z.object({ precision: z.number().min(0).max(1), recall: z.number().min(0).max(1), f1: z.number().min(0).max(1), support: z.number().int().min(0), predicted: z.number().int().min(0) });
const calibrationSchema = z.object({
  model: z.string(),
  data: z.string(),
  createdAt: z.string(),
  perClass: z.record(z.string(), perClass),
  weights: z.object({ anger: z.number(), anxiety: z.number(), disappointment: z.number() }),
});
export type Calibration = z.infer<typeof calibrationSchema>;
export type ClassScores = z.infer<typeof perClass>;

export function calibrationFrom(model: string, data: string, scores: Record<string, ClassScores>): Calibration {
  const weight = (l: keyof ClassWeights) => {
    const s = scores[l];
    return s === undefined || s.support < MIN_SUPPORT || s.predicted === 0 ? 1 : Math.max(MIN_WEIGHT, Math.round(s.precision * 1000) / 1000);
  };
  return { model, data, createdAt: new Date().toISOString(), perClass: scores, weights: { anger: weight('anger'), anxiety: weight('anxiety'), disappointment: weight('disappointment') } };
}

export function writeCalibration(dir: string, c: Calibration): string {
  const file = join(dir, CALIBRATION_FILE);
  writeFileSync(file, `${JSON.stringify(c, null, 2)}\n`);
  return file;
}

/** The weights for this model version, or null when it has not been calibrated (weights stay 1). */
export function readCalibration(dir: string, version: string): ClassWeights | null {
  const file = join(dir, CALIBRATION_FILE);
  if (!existsSync(file)) return null;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ModelDirError(dir, `${CALIBRATION_FILE} is not valid JSON: ${(err as Error).message}`);
  }
  const parsed = calibrationSchema.safeParse(json);
  if (!parsed.success) throw new ModelDirError(dir, `${CALIBRATION_FILE}: ${parsed.error.issues[0]!.path.join('.')}: ${parsed.error.issues[0]!.message}`);
  return parsed.data.model === version ? parsed.data.weights : null;
}

export { UNIT_WEIGHTS };
