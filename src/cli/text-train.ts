// `callcue train-text [--data DIR] [--out DIR] [--seed N] [--custom FILE]... [--custom-weight W]
// [--iterations N] [--no-baseline]`: reproduces the shipped caller-text emotion model and its model card.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_TRAIN_OPTIONS, trainTextEmotion } from '../training/text/train.js';
import { MissingDataError } from '../training/text/datasets.js';
import { formatScore } from '../training/text/metrics.js';
import { defaultDataDir, defaultModelsDir, lastValue, parseFlags, readCustomFiles } from './text-args.js';
import { readCustomExamples } from '../training/text/custom-data.js';

const USAGE = 'usage: callcue train-text [--data DIR] [--out DIR] [--seed N] [--custom FILE]... [--custom-weight W] [--iterations N] [--no-baseline]\n';

export async function runTrainText(argv: string[]): Promise<number> {
  const flags = parseFlags(argv, ['data', 'out', 'seed', 'custom', 'custom-weight', 'iterations'], ['help', 'no-baseline']);
  if (flags.values.has('help')) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (flags.errors.length > 0) {
    process.stderr.write(`train-text: ${flags.errors.join('; ')}\n${USAGE}`);
    return 2;
  }
  const custom = readCustomFiles(flags.values.get('custom') ?? [], readCustomExamples);
  if ('error' in custom) {
    process.stderr.write(`train-text: ${custom.error}\n`);
    return 2;
  }
  const dataDir = lastValue(flags, 'data') ?? defaultDataDir();
  if (!existsSync(join(dataDir, 'text')) || !existsSync(join(dataDir, 'lexicons'))) {
    process.stderr.write(`train-text: no text/ and lexicons/ under ${dataDir}; pass --data pointing at the shared data folder\n`);
    return 2;
  }
  const seed = Number(lastValue(flags, 'seed') ?? DEFAULT_TRAIN_OPTIONS.seed);
  const maxIterations = Number(lastValue(flags, 'iterations') ?? DEFAULT_TRAIN_OPTIONS.maxIterations);
  const customWeight = Number(lastValue(flags, 'custom-weight') ?? 2);
  if (!Number.isInteger(seed) || !Number.isInteger(maxIterations) || maxIterations < 1 || !(customWeight > 0)) {
    process.stderr.write(`train-text: --seed and --iterations must be integers (iterations ≥ 1), --custom-weight positive\n`);
    return 2;
  }
  try {
    const result = await trainTextEmotion({
      dataDir,
      outDir: lastValue(flags, 'out') ?? defaultModelsDir(),
      customFiles: flags.values.get('custom') ?? [],
      customWeight,
      train: { ...DEFAULT_TRAIN_OPTIONS, seed, maxIterations },
      baseline: !flags.values.has('no-baseline'),
      log: (line) => process.stderr.write(`train-text: ${line}\n`),
    });
    for (const score of result.scores) process.stdout.write(`${formatScore(score)}\n`);
    process.stdout.write(`model ${result.version}: ${result.onnxPath}, ${result.sidecarPath}, ${result.cardPath}\n`);
    return 0;
  } catch (error) {
    if (error instanceof MissingDataError) {
      process.stderr.write(`train-text: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
