// `callcue train-prosody [--data DIR] [--out DIR] [--rounds N] [--seed N] [--no-eval]`:
// trains the prosody model on every speaker and writes models/prosody.onnx, prosody.json and
// the model card prosody.md with the leave-speakers-out scores of the same run.

import { readManifest } from '../training/manifest.js';
import { DEFAULT_TRAINER_OPTIONS, evaluateProsody, fitFinal, makeExamples, writeProsodyModel, type TrainingRecord } from '../training/prosody-run.js';
import { DEFAULT_DATASET_OPTIONS } from '../training/dataset.js';
import { evaluationJson } from '../training/metrics.js';
import { intFlag, manifestOrSay, rejectArguments, log, modelsDir, parseProsodyArgs } from './prosody-args.js';

const USAGE = 'usage: callcue train-prosody [--data DIR] [--out DIR] [--rounds N] [--seed N] [--no-eval]';

export async function runTrainProsody(argv: string[]): Promise<number> {
  const args = parseProsodyArgs(argv, ['data', 'out', 'rounds', 'seed'], ['no-eval', 'help']);
  if (args.flags.has('help')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const rounds = intFlag(args, 'rounds', DEFAULT_DATASET_OPTIONS.rounds, 1);
  const seed = intFlag(args, 'seed', DEFAULT_DATASET_OPTIONS.seed);
  if (rejectArguments(args, USAGE)) return 2;
  const manifest = manifestOrSay(args, 'train-prosody');
  if (manifest === null) return 2;
  const rows = readManifest(manifest);
  const dataset = { ...DEFAULT_DATASET_OPTIONS, rounds, seed };
  const trainer = DEFAULT_TRAINER_OPTIONS;
  const startedMs = Date.now();
  log(`train-prosody: ${rows.length} clips from ${manifest}`);
  const examples = makeExamples(rows, dataset, log);
  const scores = args.flags.has('no-eval') ? null : evaluateProsody(examples, trainer, log);
  log('final fit on every speaker');
  const fitted = fitFinal(examples, trainer);
  const corpora: TrainingRecord['corpora'] = {};
  for (const corpus of [...new Set(rows.map((r) => r.corpus))].sort()) {
    const own = rows.filter((r) => r.corpus === corpus);
    corpora[corpus] = { clips: own.length, speakers: new Set(own.map((r) => r.speaker)).size };
  }
  const record: TrainingRecord = {
    dataset: { rounds: dataset.rounds, seed: dataset.seed, maxSessionClips: dataset.maxSessionClips, telephone: dataset.telephone, speedPerturb: dataset.speedPerturb },
    trainer,
    clips: rows.length,
    speakers: new Set(rows.map((r) => r.speaker)).size,
    corpora,
    command: `callcue train-prosody${rounds !== DEFAULT_DATASET_OPTIONS.rounds ? ` --rounds ${rounds}` : ''}${seed !== DEFAULT_DATASET_OPTIONS.seed ? ` --seed ${seed}` : ''}`,
  };
  const written = writeProsodyModel(modelsDir(args, 'out'), fitted, record, scores);
  const summary = {
    model: written.onnxPath,
    card: written.cardPath,
    version: written.version,
    seconds: Math.round((Date.now() - startedMs) / 1000),
    scores: scores && Object.fromEntries(scores.perCorpus.map((r) => [r.corpus, evaluationJson(r.evaluation)])),
  };
  process.stdout.write(`wrote ${written.onnxPath}, ${written.sidecarPath} and ${written.cardPath} (${written.version})\n`);
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  return 0;
}
