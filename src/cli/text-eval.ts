// `callcue eval-text [--data DIR] [--models DIR] [--custom FILE]... [--baseline]`: per-dataset
// macro-F1, per-class F1 and confusion matrices as tables, then one JSON line with everything.
// Without the shared data it still scores the in-repo call-center held-out set.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadTextEmotion } from '../text/emotion/index.js';
import { readCustomExamples } from '../training/text/custom-data.js';
import { loadCorpora, type CorpusSplits } from '../training/text/datasets.js';
import { DIALOGUE_RULE, dissatisfactionAuc, ruleComparison, type DialogueAucScore } from '../training/text/dialogue-score.js';
import { evaluateModel } from '../training/text/evaluate.js';
import { evaluateSureFinals, sureFinalsTable } from '../training/text/sure-finals.js';
import type { Example } from '../training/text/example.js';
import { formatScore, scoreDataset, type DatasetScore } from '../training/text/metrics.js';
import { baselineScores } from '../training/text/tfidf-baseline.js';
import { defaultDataDir, defaultModelsDir, lastValue, parseFlags, readCustomFiles } from './text-args.js';
import { evalTextWithModel } from './plugged-text.js';
import { heldOutExamples } from '../training/text/evaluate.js';

const USAGE = 'usage: callcue eval-text [--data DIR] [--models DIR | --model DIR] [--custom FILE]... [--baseline]\n';

export async function runEvalText(argv: string[]): Promise<number> {
  const flags = parseFlags(argv, ['data', 'models', 'model', 'custom'], ['baseline', 'help']);
  if (flags.values.has('help')) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (flags.errors.length > 0) {
    process.stderr.write(`eval-text: ${flags.errors.join('; ')}\n${USAGE}`);
    return 2;
  }
  const plugged = lastValue(flags, 'model');
  if (plugged !== undefined) return evalPlugged(plugged, lastValue(flags, 'data'), flags.values.get('custom') ?? []);
  const modelsDir = lastValue(flags, 'models') ?? defaultModelsDir();
  const model = await loadTextEmotion(modelsDir);
  if (model === null) {
    process.stderr.write(`eval-text: no text-emotion model in ${modelsDir}; run train-text first\n`);
    return 2;
  }
  const custom = readCustomFiles(flags.values.get('custom') ?? [], readCustomExamples);
  if ('error' in custom) {
    process.stderr.write(`eval-text: ${custom.error}\n`);
    return 2;
  }
  const givenData = lastValue(flags, 'data');
  // A folder the user named must be there: falling back would score something else than asked.
  if (givenData !== undefined && !existsSync(join(givenData, 'text'))) {
    process.stderr.write(`eval-text: --data ${givenData} has no text/ folder (${existsSync(givenData) ? 'not the shared data folder' : 'no such folder'})\n`);
    return 2;
  }
  const dataDir = givenData ?? defaultDataDir();
  let corpora: CorpusSplits | null = null;
  if (existsSync(join(dataDir, 'text'))) {
    corpora = loadCorpora(dataDir, { includeVirus: false });
  } else {
    process.stderr.write(`eval-text: no text/ under ${dataDir} (pass --data); scoring the in-repo held-out set only\n`);
  }
  const scores: DatasetScore[] = evaluateModel(model, corpora?.dev ?? {});
  (flags.values.get('custom') ?? []).forEach((file, i) => {
    scores.push(scoreDataset(`custom ${file}`, custom.ok[i]!, (e) => model.classify(e.text, e.language).label));
  });
  if (flags.values.has('baseline') && corpora !== null) scores.push(...baselineScores(corpora, (line) => process.stderr.write(`eval-text: ${line}\n`)));
  const dialogues: DialogueAucScore[] = corpora === null ? [] : [dissatisfactionAuc('stc3-heldout', model, corpora.stc3HeldOut)];
  process.stdout.write(`text-emotion ${model.version}\n`);
  for (const score of scores) process.stdout.write(`${formatScore(score)}\n\n`);
  for (const d of dialogues) {
    process.stdout.write(`${d.name}: dissatisfied-vs-satisfied AUC ${d.auc.toFixed(3)}, rule "${d.rule}" (${d.dissatisfied} dissatisfied, ${d.satisfied} satisfied dialogues)\n\n`);
  }
  // Where the rule was chosen: the training dialogues (in-sample for the model's weak labels).
  const rules = corpora === null ? [] : ruleComparison('stc3-train', model, corpora.stc3Train);
  if (rules.length > 0) {
    process.stdout.write(`stc3-train (rule choice, not a held-out score): ${rules.map((r) => `${r.rule}${r.rule === DIALOGUE_RULE ? '*' : ''} ${r.auc.toFixed(3)}`).join(', ')}\n\n`);
  }
  const sure = evaluateSureFinals(model, corpora?.dev ?? {});
  if (sure.length > 0) process.stdout.write(`how often one final alone starts a state at once (sureFinalAbove):\n${sureFinalsTable(sure)}\n\n`);
  process.stdout.write(`${JSON.stringify({ model: model.version, scores, dialogues, dialogueRules: rules, sureFinals: sure })}\n`);
  return 0;
}

/**
 * A plugged model (docs/models.md) on the same sets, writing its calibration beside it. With
 * --custom and no --data, only the operator's own files and the held-out set: their calls are what
 * the model is switched on for.
 */
async function evalPlugged(dir: string, givenData: string | undefined, customFiles: readonly string[]): Promise<number> {
  const custom = readCustomFiles(customFiles, readCustomExamples);
  if ('error' in custom) {
    process.stderr.write(`eval-text: ${custom.error}\n`);
    return 2;
  }
  if (givenData !== undefined && !existsSync(join(givenData, 'text'))) {
    process.stderr.write(`eval-text: --data ${givenData} has no text/ folder (${existsSync(givenData) ? 'not the shared data folder' : 'no such folder'})\n`);
    return 2;
  }
  const sets: Record<string, Example[]> = {};
  const dataDir = givenData ?? (customFiles.length > 0 ? null : defaultDataDir());
  if (dataDir !== null && existsSync(join(dataDir, 'text'))) Object.assign(sets, loadCorpora(dataDir, { includeVirus: false }).dev);
  else if (dataDir !== null) process.stderr.write(`eval-text: no text/ under ${dataDir} (pass --data); scoring the in-repo held-out set only\n`);
  sets['callcenter-heldout-en'] = heldOutExamples('en');
  sets['callcenter-heldout-zh'] = heldOutExamples('zh');
  customFiles.forEach((file, i) => (sets[`custom ${file}`] = custom.ok[i]!));
  return evalTextWithModel(dir, sets, Object.keys(sets).join(', '), process.stdout);
}
