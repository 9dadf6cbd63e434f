// `classify-text --model DIR` and `eval-text --model DIR`: a plugged text model (docs/models.md)
// scored the way the shipped one is — the public dev sets when the data folder has them, the in-repo
// call-center held-out set always, the operator's own labelled files (--custom) — and the per-class
// calibration the fusion uses for that model's weight written to DIR/calibration.json.

import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { EMOTION_LABELS, type EmotionLabel, type EmotionProbs } from '../frames/types.js';
import { calibrationFrom, loadTextModel, writeCalibration, type ClassScores, type PluggedTextModel } from '../models/index.js';
import type { Example } from '../training/text/example.js';
import { formatScore, scoreDataset, type DatasetScore } from '../training/text/metrics.js';

/** Utterances sent to the model at once (its batcher groups them into runs). */
const CHUNK = 32;

export const argmax = (p: EmotionProbs): EmotionLabel => EMOTION_LABELS.reduce((a, l) => (p[l] > p[a] ? l : a), 'neutral' as EmotionLabel);
const round = (p: EmotionProbs) => Object.fromEntries(EMOTION_LABELS.map((l) => [l, Math.round(p[l] * 10_000) / 10_000]));

/** Judges every text; none is shed (requests go in chunks the model's queue holds). */
async function judgeAll(model: PluggedTextModel, texts: readonly string[]): Promise<EmotionProbs[]> {
  const out: EmotionProbs[] = [];
  for (let i = 0; i < texts.length; i += CHUNK) {
    const chunk = await Promise.all(texts.slice(i, i + CHUNK).map((text) => model.classify({ text })));
    for (const p of chunk) {
      if (p === null) throw new Error('the model shed a request: lower the chunk size');
      out.push(p);
    }
  }
  return out;
}

const EVAL_LIMITS = { maxBatch: 16, maxPending: CHUNK, maxAgeMs: Number.POSITIVE_INFINITY };

export async function classifyTextWithModel(dir: string, io: { stdin: Readable; stdout: Writable }): Promise<number> {
  const model = await loadTextModel(dir, EVAL_LIMITS);
  const lines: string[] = [];
  for await (const line of createInterface({ input: io.stdin, crlfDelay: Infinity })) if (line.trim().length > 0) lines.push(line.trim());
  const probs = await judgeAll(model, lines);
  lines.forEach((text, i) => io.stdout.write(`${JSON.stringify({ text, label: argmax(probs[i]!), probs: round(probs[i]!), model: model.version })}\n`));
  await model.close();
  return 0;
}

/** Per-class scores pooled over the sets (target rows), as the calibration wants them. */
function pooled(scores: readonly DatasetScore[]): Record<string, ClassScores> {
  const out: Record<string, ClassScores> = {};
  EMOTION_LABELS.forEach((label, k) => {
    let tp = 0;
    let support = 0;
    let predicted = 0;
    for (const s of scores) {
      tp += s.confusion[k]![k]!;
      support += s.confusion[k]!.reduce((a, b) => a + b, 0);
      predicted += s.confusion.reduce((a, row) => a + row[k]!, 0);
    }
    const precision = predicted === 0 ? 0 : tp / predicted;
    const recall = support === 0 ? 0 : tp / support;
    out[label] = { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall), support, predicted };
  });
  return out;
}

export async function evalTextWithModel(dir: string, sets: Record<string, readonly Example[]>, dataName: string, out: Writable): Promise<number> {
  const model = await loadTextModel(dir, EVAL_LIMITS);
  const scores: DatasetScore[] = [];
  for (const [name, rows] of Object.entries(sets)) {
    const probs = await judgeAll(model, rows.map((r) => r.text));
    const predicted = new Map(rows.map((r, i) => [r, argmax(probs[i]!)]));
    scores.push(scoreDataset(name, rows, (e) => predicted.get(e)!));
  }
  const calibration = calibrationFrom(model.version, dataName, pooled(scores));
  const file = writeCalibration(dir, calibration);
  out.write(`text-emotion ${model.version} (plugged: ${dir})\n`);
  for (const score of scores) out.write(`${formatScore(score)}\n\n`);
  out.write(`calibration → ${file}: class weights ${JSON.stringify(calibration.weights)}\n`);
  out.write(`${JSON.stringify({ model: model.version, dir, scores, calibration })}\n`);
  await model.close();
  return 0;
}
