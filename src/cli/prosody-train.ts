// `callcue train-prosody [--data DIR] [--out DIR] [--rounds N] [--seed N] [--unfamiliar N] [--no-eval]`:
// trains the voice model on every speaker and writes models/prosody.onnx, prosody-gate.onnx,
// prosody.json and the model card prosody.md with the scores of the same run (leave-speakers-out,
// leave-one-corpus-out, calibration, unfamiliar sounds, CPU cost). Needs espeak-ng: the gate
// trains on synthetic voices.

import { readManifest } from '../training/manifest.js';
import { DEFAULT_VOICE_OPTIONS, UNFAMILIAR_CLIPS_PER_KIND, assess, makeExamples, makeUnfamiliar, writeProsodyModel } from '../training/prosody-run.js';
import type { TrainingRecord } from '../training/prosody-record.js';
import { DEFAULT_DATASET_OPTIONS } from '../training/dataset.js';
import { intFlag, manifestOrSay, rejectArguments, log, modelsDir, parseProsodyArgs, espeakOrSay } from './prosody-args.js';
import { scoresJson } from '../training/prosody-report.js';

const USAGE = 'usage: callcue train-prosody [--data DIR] [--out DIR] [--rounds N] [--seed N] [--unfamiliar N] [--no-eval]';

export async function runTrainProsody(argv: string[]): Promise<number> {
  const args = parseProsodyArgs(argv, ['data', 'out', 'rounds', 'seed', 'unfamiliar'], ['no-eval', 'help']);
  if (args.flags.has('help')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const rounds = intFlag(args, 'rounds', DEFAULT_DATASET_OPTIONS.rounds, 1);
  const seed = intFlag(args, 'seed', DEFAULT_DATASET_OPTIONS.seed);
  const clipsPerKind = intFlag(args, 'unfamiliar', UNFAMILIAR_CLIPS_PER_KIND, 1);
  if (rejectArguments(args, USAGE)) return 2;
  const manifest = manifestOrSay(args, 'train-prosody');
  if (manifest === null || !espeakOrSay('train-prosody')) return 2;
  const rows = readManifest(manifest);
  const dataset = { ...DEFAULT_DATASET_OPTIONS, rounds, seed };
  const options = DEFAULT_VOICE_OPTIONS;
  const startedMs = Date.now();
  log(`train-prosody: ${rows.length} clips from ${manifest}`);
  const examples = makeExamples(rows, dataset, log);
  const unfamiliar = await makeUnfamiliar(dataset, clipsPerKind, log);
  const { fitted, scores, cost } = await assess(examples, unfamiliar, rows, { ...options, telephone: dataset.telephone, evaluate: !args.flags.has('no-eval'), unfamiliarClipsPerKind: clipsPerKind }, log);
  const corpora: TrainingRecord['corpora'] = {};
  for (const corpus of [...new Set(rows.map((r) => r.corpus))].sort()) {
    const own = rows.filter((r) => r.corpus === corpus);
    corpora[corpus] = { clips: own.length, speakers: new Set(own.map((r) => r.speaker)).size };
  }
  const record: TrainingRecord = {
    dataset: { rounds: dataset.rounds, seed: dataset.seed, maxSessionClips: dataset.maxSessionClips, telephone: dataset.telephone, speedPerturb: dataset.speedPerturb },
    trainer: options.emotion,
    voice: { gate: options.gate, calibrate: options.calibrate },
    unfamiliarClipsPerKind: clipsPerKind,
    clips: rows.length,
    speakers: new Set(rows.map((r) => r.speaker)).size,
    corpora,
    command: `callcue train-prosody${rounds !== DEFAULT_DATASET_OPTIONS.rounds ? ` --rounds ${rounds}` : ''}${seed !== DEFAULT_DATASET_OPTIONS.seed ? ` --seed ${seed}` : ''}${clipsPerKind !== UNFAMILIAR_CLIPS_PER_KIND ? ` --unfamiliar ${clipsPerKind}` : ''}`,
  };
  const written = writeProsodyModel(modelsDir(args, 'out'), fitted, record, scores, cost);
  const summary = {
    model: written.onnxPath,
    gate: written.gatePath,
    card: written.cardPath,
    version: written.version,
    seconds: Math.round((Date.now() - startedMs) / 1000),
    temperature: fitted.temperature,
    languages: fitted.languages,
    cost,
    scores: scores && scoresJson(scores),
  };
  process.stdout.write(`wrote ${[written.onnxPath, written.gatePath, written.sidecarPath, written.cardPath].filter(Boolean).join(', ')} (${written.version})\n`);
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  return 0;
}
