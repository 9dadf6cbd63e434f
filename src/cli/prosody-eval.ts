// `callcue eval-prosody [--data DIR] [--rounds N] [--seed N] [--unfamiliar N] [--baseline [--clean]]`: leave-
// speakers-out and leave-one-corpus-out evaluation per corpus through the simulated telephone
// channel (with calibration), then a model trained on everything on unfamiliar sounds (synthetic
// voices, music, noise, tones) and unvalidated languages, and its CPU cost. Prints a table per
// evaluation, then one JSON line with every number. --baseline runs the reference setup
// instead (src/training/prosody-baseline.ts). Needs espeak-ng (synthetic voices).

import { readManifest } from '../training/manifest.js';
import { DEFAULT_DATASET_OPTIONS } from '../training/dataset.js';
import { evaluationJson, formatEvaluation } from '../training/metrics.js';
import { baselineDiagnostic } from '../training/prosody-baseline.js';
import { formatCost, formatHeldOut, formatUnfamiliar, scoresJson } from '../training/prosody-report.js';
import { DEFAULT_VOICE_OPTIONS, UNFAMILIAR_CLIPS_PER_KIND, assess, makeExamples, makeUnfamiliar } from '../training/prosody-run.js';
import type { ManifestRow } from '../training/manifest.js';
import { espeakOrSay, intFlag, manifestOrSay, rejectArguments, log, parseProsodyArgs } from './prosody-args.js';
import { evalProsodyWithModel } from './plugged-voice.js';

const USAGE =
  'usage: callcue eval-prosody [--data DIR] [--rounds N] [--seed N] [--unfamiliar N] [--baseline [--clean]]\n       callcue eval-prosody --model DIR [--data DIR]   (a plugged model, docs/models.md)';

export async function runEvalProsody(argv: string[]): Promise<number> {
  const args = parseProsodyArgs(argv, ['data', 'rounds', 'seed', 'unfamiliar', 'model'], ['help', 'baseline', 'clean']);
  if (args.flags.has('help')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const rounds = intFlag(args, 'rounds', DEFAULT_DATASET_OPTIONS.rounds, 1);
  const seed = intFlag(args, 'seed', DEFAULT_DATASET_OPTIONS.seed);
  const clipsPerKind = intFlag(args, 'unfamiliar', UNFAMILIAR_CLIPS_PER_KIND, 1);
  if (args.flags.has('clean') && !args.flags.has('baseline')) args.errors.push('--clean applies to --baseline only');
  if (rejectArguments(args, USAGE)) return 2;
  const manifest = manifestOrSay(args, 'eval-prosody');
  if (manifest === null) return 2;
  const rows = readManifest(manifest);
  log(`eval-prosody: ${rows.length} clips from ${manifest}`);
  const plugged = args.flags.get('model');
  if (plugged !== undefined) return evalProsodyWithModel(plugged, rows, manifest, process.stdout, log);
  if (args.flags.has('baseline')) return runBaseline(rows, !args.flags.has('clean'), seed);
  if (!espeakOrSay('eval-prosody')) return 2;
  const dataset = { ...DEFAULT_DATASET_OPTIONS, rounds, seed };
  const examples = makeExamples(rows, dataset, log);
  const unfamiliar = await makeUnfamiliar(dataset, clipsPerKind, log);
  const { scores, cost, fitted } = await assess(examples, unfamiliar, rows, { ...DEFAULT_VOICE_OPTIONS, telephone: dataset.telephone, evaluate: true, unfamiliarClipsPerKind: clipsPerKind }, log);
  for (const r of [...scores!.leaveSpeakersOut, ...scores!.leaveOneCorpusOut]) process.stdout.write(`${formatHeldOut(r)}\n\n`);
  process.stdout.write(`${formatUnfamiliar(scores!.unfamiliar)}\n\n${formatCost(cost)}\n\n`);
  const json = { evaluation: 'prosody', rounds, seed, temperature: fitted.temperature, languages: fitted.languages, ...scoresJson(scores!, cost) };
  process.stdout.write(`${JSON.stringify(json)}\n`);
  return 0;
}

/** The reference baseline, trained on the four target classes (as in the issue) and on all five. */
function runBaseline(rows: readonly ManifestRow[], telephone: boolean, seed: number): number {
  const json: Record<string, unknown> = { evaluation: 'prosody-baseline', telephone, seed };
  for (const targetOnly of [true, false]) {
    const key = targetOnly ? 'targetClassesOnly' : 'withNonTargetClass';
    log(`baseline: ${key}`);
    const results = baselineDiagnostic(rows, { telephone, targetOnly, seed });
    for (const r of results) {
      const title = `baseline (${key}, ${telephone ? 'telephone' : 'clean'}, all-files speaker z-score, RBF via random Fourier features): ${r.corpus}`;
      process.stdout.write(`${formatEvaluation(title, r.evaluation)}\n\n`);
    }
    json[key] = Object.fromEntries(results.map((r) => [r.corpus, evaluationJson(r.evaluation)]));
  }
  process.stdout.write(`${JSON.stringify(json)}\n`);
  return 0;
}
