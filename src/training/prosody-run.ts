// The voice model's training run end to end: examples through the simulated telephone channel,
// unfamiliar sounds for the gate, leave-speakers-out and leave-one-corpus-out evaluation, the
// final fit on every speaker, what that model says about unfamiliar sounds and languages, its
// CPU cost, and the files it ships (ONNX graphs, sidecar, model card). Shared by the
// train-prosody and eval-prosody commands. Arrows run one way: run → card, never back.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProsodyModel } from '../classifiers/prosody.js';
import { PROSODY_MODEL_FILE, PROSODY_SIDECAR_FILE } from '../classifiers/prosody.js';
import { heldOutEvaluations, type HeldOutScores } from './crossval.js';
import { buildExamples, bySpeaker, type DatasetOptions, type Example } from './dataset.js';
import { DEFAULT_GATE_OPTIONS } from './gate.js';
import { mapLabel, type ManifestRow } from './manifest.js';
import { DEFAULT_MLP_OPTIONS } from './mlp.js';
import { renderProsodyCard } from './prosody-card.js';
import type { ProsodyScores, TrainingRecord } from './prosody-record.js';
import type { ProsodyTrainerOptions } from './trainer.js';
import { buildUnfamiliarExamples, type UnfamiliarExample } from './unfamiliar-examples.js';
import { DEFAULT_UNFAMILIAR_TABLE, languageRows, unfamiliarTable, type UnfamiliarRow } from './unfamiliar-eval.js';
import { measureVoiceCost, type VoiceCost } from './voice-cost.js';
import { PROSODY_GATE_FILE, runtimeModel, voiceFiles } from './voice-files.js';
import { fitVoice, type FittedVoice, type VoiceTrainerOptions } from './voice-model.js';
import { loadWav } from './wav.js';

export const DEFAULT_TRAINER_OPTIONS: ProsodyTrainerOptions = { mlp: DEFAULT_MLP_OPTIONS, classMode: 'other-class', neutralBias: 1, ensemble: 3 };
export const DEFAULT_VOICE_OPTIONS: VoiceTrainerOptions = { emotion: DEFAULT_TRAINER_OPTIONS, gate: DEFAULT_GATE_OPTIONS, calibrate: true };
/** Clips of each unfamiliar kind the gate trains on (espeak-ng runs once per synthetic clip, then is cached). */
export const UNFAMILIAR_CLIPS_PER_KIND = 300;

type Log = (line: string) => void;

function progress(log: Log, what: string): (done: number, total: number) => void {
  let lastPct = -1;
  return (done, total) => {
    const pct = Math.floor((done / total) * 10) * 10;
    if (pct !== lastPct) {
      lastPct = pct;
      log(`${what}: ${pct}% of ${total}`);
    }
  };
}

export function makeExamples(rows: readonly ManifestRow[], options: DatasetOptions, log: Log): Example[] {
  return buildExamples(rows, { ...options, onProgress: progress(log, 'features: clip passes') });
}

/** The gate's training sounds: synthetic voices (training half of espeak's variants), music, noise, tones. */
export function makeUnfamiliar(options: DatasetOptions, clipsPerKind: number, log: Log): Promise<UnfamiliarExample[]> {
  return buildUnfamiliarExamples({
    split: 'train',
    clipsPerKind,
    seed: options.seed + 100,
    telephone: options.telephone,
    onProgress: progress(log, 'unfamiliar sounds: clips'),
  });
}

export function evaluateProsody(examples: readonly Example[], unfamiliar: readonly UnfamiliarExample[], options: VoiceTrainerOptions, log: Log): Promise<HeldOutScores> {
  return heldOutEvaluations(examples, unfamiliar, options, log);
}

export function fitFinal(examples: readonly Example[], unfamiliar: readonly UnfamiliarExample[], options: VoiceTrainerOptions): FittedVoice {
  return fitVoice(examples, unfamiliar, options);
}

/** Calm clips of each speaker (one list per speaker, in name order), as one caller's calls. */
function calmSpeakers(rows: readonly ManifestRow[]): Float32Array[][] {
  return [...bySpeaker(rows.filter((r) => mapLabel(r.label) === 'neutral')).values()].map((list) => list.map((r) => loadWav(r.path).samples));
}

/** The final model on unfamiliar sounds and on languages it was not validated on (calls per row scale with the gate's clips: 12 at 300). */
export async function unfamiliarScores(model: ProsodyModel, rows: readonly ManifestRow[], telephone: boolean, clipsPerKind: number, log: Log): Promise<UnfamiliarRow[]> {
  const options = { ...DEFAULT_UNFAMILIAR_TABLE, telephone, callsPerRow: Math.max(2, Math.round(clipsPerKind / 25)) };
  const sounds = await unfamiliarTable(model, options, (sound) => log(`unfamiliar sounds: ${sound}`));
  return [...sounds, ...languageRows(model, calmSpeakers(rows), options)];
}

/** CPU cost on a minute of one real speaker's calm speech. */
export function voiceCost(model: ProsodyModel, rows: readonly ManifestRow[]): VoiceCost {
  const clips = calmSpeakers(rows)[0] ?? [];
  const total = clips.reduce((n, c) => n + c.length, 0);
  const audio = new Float32Array(total);
  let at = 0;
  for (const c of clips) {
    audio.set(c, at);
    at += c.length;
  }
  return measureVoiceCost(model, audio);
}

/** Everything an evaluation reports about the final model (scores may be null with --no-eval). */
export async function assess(
  examples: readonly Example[],
  unfamiliar: readonly UnfamiliarExample[],
  rows: readonly ManifestRow[],
  options: VoiceTrainerOptions & { telephone: boolean; evaluate: boolean; unfamiliarClipsPerKind: number },
  log: Log,
): Promise<{ fitted: FittedVoice; model: ProsodyModel; scores: ProsodyScores | null; cost: VoiceCost }> {
  const heldOut = options.evaluate ? await evaluateProsody(examples, unfamiliar, options, log) : null;
  log('final fit on every speaker');
  const fitted = fitFinal(examples, unfamiliar, options);
  const model = await runtimeModel(voiceFiles(fitted));
  const table = options.evaluate ? await unfamiliarScores(model, rows, options.telephone, options.unfamiliarClipsPerKind, log) : null;
  const cost = voiceCost(model, rows);
  return { fitted, model, scores: heldOut && table ? { ...heldOut, unfamiliar: table } : null, cost };
}

export interface WrittenModel {
  onnxPath: string;
  gatePath: string | null;
  cardPath: string;
  sidecarPath: string;
  version: string;
}

export function writeProsodyModel(outDir: string, fitted: FittedVoice, record: TrainingRecord, scores: ProsodyScores | null, cost: VoiceCost): WrittenModel {
  mkdirSync(outDir, { recursive: true });
  const files = voiceFiles(fitted, { training: record });
  const onnxPath = join(outDir, PROSODY_MODEL_FILE);
  const gatePath = files.gate ? join(outDir, PROSODY_GATE_FILE) : null;
  const sidecarPath = join(outDir, PROSODY_SIDECAR_FILE);
  const cardPath = join(outDir, 'prosody.md');
  writeFileSync(onnxPath, files.emotion);
  if (gatePath && files.gate) writeFileSync(gatePath, files.gate);
  writeFileSync(sidecarPath, `${JSON.stringify(files.sidecar, null, 2)}\n`);
  writeFileSync(cardPath, renderProsodyCard({ version: files.version, record, scores, fitted, cost }));
  return { onnxPath, gatePath, cardPath, sidecarPath, version: files.version };
}
