// `classify-audio --model DIR` and `eval-prosody --model DIR`: a plugged voice model (docs/models.md)
// on recordings the way the live pipeline feeds it — 8 kHz telephone-band audio upsampled to 16 kHz,
// 3 s windows every second, the file's verdict the mean of its windows — scored per corpus of the
// speech manifest, with the per-class calibration the fusion uses written to DIR/calibration.json.

import type { Writable } from 'node:stream';
import { Upsampler2x } from '../codecs/upsample2x.js';
import { EMOTION_LABELS, type EmotionProbs } from '../frames/types.js';
import { calibrationFrom, loadVoiceModel, VOICE_MODEL_RATE_HZ, writeCalibration, type ClassScores, type PluggedVoiceModel } from '../models/index.js';
import type { ManifestRow } from '../training/manifest.js';
import { mapLabel, TRAINING_CLASSES, type TrainingClass } from '../training/manifest.js';
import { evaluate, evaluationJson, formatEvaluation } from '../training/metrics.js';
import { loadWav } from '../training/wav.js';
import { argmax } from './plugged-text.js';

const WINDOW_S = 3;
const HOP_S = 1;
const EVAL_LIMITS = { maxBatch: 8, maxPending: 64, maxAgeMs: Number.POSITIVE_INFINITY };

/** The recording's 8 kHz samples → the mean verdict of its 16 kHz windows. */
export async function judgeRecording(model: PluggedVoiceModel, samples8k: Float32Array): Promise<EmotionProbs> {
  // The same 2× upsampling as the live pipeline (src/pipeline/plugged-voice.ts).
  const x = new Upsampler2x().push(samples8k);
  const win = WINDOW_S * VOICE_MODEL_RATE_HZ;
  const starts: number[] = [];
  for (let s = 0; s + win <= x.length; s += HOP_S * VOICE_MODEL_RATE_HZ) starts.push(s);
  const windows = starts.length > 0 ? starts.map((s) => x.slice(s, s + win)) : [x];
  const verdicts: (EmotionProbs | null)[] = [];
  for (let i = 0; i < windows.length; i += EVAL_LIMITS.maxPending) verdicts.push(...(await Promise.all(windows.slice(i, i + EVAL_LIMITS.maxPending).map((w) => model.classify(w)))));
  const mean: EmotionProbs = { neutral: 0, anger: 0, anxiety: 0, disappointment: 0 };
  for (const v of verdicts) for (const l of EMOTION_LABELS) mean[l] += v![l] / verdicts.length;
  return mean;
}

export async function classifyAudioWithModel(dir: string, files: readonly string[], channel: number, out: Writable): Promise<number> {
  const model = await loadVoiceModel(dir, EVAL_LIMITS);
  let failed = 0;
  for (const file of files) {
    try {
      const audio = loadWav(file, channel);
      const probs = await judgeRecording(model, audio.samples);
      out.write(`${JSON.stringify({ file, label: argmax(probs), probs, durationMs: Math.round(audio.durationMs), model: model.version })}\n`);
    } catch (err) {
      failed++;
      out.write(`${JSON.stringify({ file, error: { message: (err as Error).message } })}\n`);
    }
  }
  await model.close();
  return failed > 0 ? 1 : 0;
}

export async function evalProsodyWithModel(dir: string, rows: readonly ManifestRow[], dataName: string, out: Writable, log: (line: string) => void): Promise<number> {
  const model = await loadVoiceModel(dir, EVAL_LIMITS);
  const byCorpus = new Map<string, { truth: TrainingClass[]; predicted: (typeof EMOTION_LABELS)[number][] }>();
  let done = 0;
  for (const row of rows) {
    const truth = mapLabel(row.label);
    if (truth === undefined) continue;
    const probs = await judgeRecording(model, loadWav(row.path).samples);
    const c = byCorpus.get(row.corpus) ?? { truth: [], predicted: [] };
    c.truth.push(truth);
    c.predicted.push(argmax(probs));
    byCorpus.set(row.corpus, c);
    if (++done % 500 === 0) log(`eval-prosody: ${done} clips`);
  }
  const perCorpus = [...byCorpus].map(([corpus, c]) => ({ corpus, evaluation: evaluate(c.truth, c.predicted) }));
  // Precision per class over every corpus: non-target clips judged as a target class count against it.
  const scores: Record<string, ClassScores> = {};
  EMOTION_LABELS.forEach((label, k) => {
    let tp = 0;
    let predicted = 0;
    let support = 0;
    for (const { evaluation } of perCorpus) {
      const row = TRAINING_CLASSES.indexOf(label);
      tp += evaluation.confusion[row]![k]!;
      support += evaluation.confusion[row]!.reduce((a, b) => a + b, 0);
      predicted += evaluation.confusion.reduce((a, r) => a + r[k]!, 0);
    }
    const precision = predicted === 0 ? 0 : tp / predicted;
    const recall = support === 0 ? 0 : tp / support;
    scores[label] = { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall), support, predicted };
  });
  const calibration = calibrationFrom(model.version, dataName, scores);
  const file = writeCalibration(dir, calibration);
  for (const r of perCorpus) out.write(`${formatEvaluation(`${r.corpus}: plugged ${model.version}, 8 kHz → 16 kHz, 3 s windows`, r.evaluation)}\n\n`);
  out.write(`calibration → ${file}: class weights ${JSON.stringify(calibration.weights)}\n`);
  out.write(`${JSON.stringify({ evaluation: 'prosody-plugged', model: model.version, dir, perCorpus: Object.fromEntries(perCorpus.map((r) => [r.corpus, evaluationJson(r.evaluation)])), calibration })}\n`);
  await model.close();
  return 0;
}
