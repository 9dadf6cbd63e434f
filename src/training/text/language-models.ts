// The block layout's two models (FeaturizerConfig.languageBlocks), each trained alone on its own
// language's rows: a Chinese and an English logistic regression that share no weight, then
// written side by side into the one weight matrix. Training them apart is two smaller problems
// instead of one (L-BFGS converges in fewer passes when the curvature of two unrelated problems is
// not mixed), and lets each language have its own settings. The intercept each fit learns is
// folded into its block's reserved bias row (every utterance of the language has exactly 1 there
// and nothing else), so the shipped Gemm bias is zero and the model computes the same.

import type { TextLanguage } from '../../text/lang.js';
import { RESERVED_ROWS } from '../../text/emotion/feature-sink.js';
import { LANGUAGE_BLOCK, type Featurizer } from '../../text/emotion/featurizer.js';
import type { Example } from './example.js';
import { CLASS_COUNT, toSparseSet, trainLinear, type LinearWeights, type SparseSet, type TrainOptions } from './trainer.js';

export const LANGUAGES: readonly TextLanguage[] = ['zh', 'en'];

/** A language's rows featurised with indices relative to its block (the block's rows only). */
export function blockSparseSet(featurizer: Featurizer, examples: readonly Example[], weightOf: (e: Example) => number, language: TextLanguage): SparseSet {
  const set = toSparseSet(featurizer, examples, weightOf);
  const offset = LANGUAGE_BLOCK[language] * featurizer.blockRows;
  for (let j = 0; j < set.indices.length; j += 1) {
    const local = set.indices[j] - offset;
    if (local < 0 || local >= featurizer.blockRows) throw new Error(`a ${language} training row has a feature outside the ${language} block`);
    set.indices[j] = local;
  }
  return set;
}

/** Place one language's fitted block (and its intercept) into the combined weights. */
export function placeBlock(combined: LinearWeights, block: LinearWeights, language: TextLanguage, blockRows: number): void {
  const offset = LANGUAGE_BLOCK[language] * blockRows;
  combined.weights.set(block.weights, offset * CLASS_COUNT);
  const biasRow = (offset + RESERVED_ROWS.bias) * CLASS_COUNT;
  for (let k = 0; k < CLASS_COUNT; k += 1) combined.weights[biasRow + k] += block.bias[k];
}

export interface LanguageFit {
  language: TextLanguage;
  rows: number;
  nonZeros: number;
  iterations: number;
  converged: boolean;
  seconds: number;
}

/** Fits one language's block: trainLinear here, or in a worker thread (block-fit-thread.ts). */
export type BlockFitter = (
  set: SparseSet,
  rows: number,
  options: Pick<TrainOptions, 'l2' | 'maxIterations'>,
  log: (line: string) => void,
) => Promise<LinearWeights & { iterations: number; converged: boolean }>;

export const fitInThisThread: BlockFitter = async (set, rows, options, log) => trainLinear(set, rows, options, log);

/**
 * Train each language's model on its rows (those with a label) and combine them. optionsOf gives a
 * language's optimiser settings; fit runs one language's fit (the languages' fits run at once, so a
 * fitter on worker threads trains both languages side by side on two cores).
 */
export async function trainLanguageModels(
  featurizer: Featurizer,
  examples: readonly Example[],
  weightOf: (e: Example) => number,
  optionsOf: (language: TextLanguage) => Pick<TrainOptions, 'l2' | 'maxIterations'>,
  log: (line: string) => void,
  fit: BlockFitter = fitInThisThread,
): Promise<{ linear: LinearWeights; fits: LanguageFit[] }> {
  if (featurizer.blocks !== LANGUAGES.length) throw new Error('per-language training needs the block layout (languageBlocks)');
  const combined: LinearWeights = {
    weights: new Float32Array(featurizer.dimension * CLASS_COUNT),
    bias: new Float32Array(CLASS_COUNT),
    dimension: featurizer.dimension,
  };
  const pending = LANGUAGES.map((language) => {
    const startedMs = Date.now();
    // By the language the featurizer will analyse the row in (a Latin-only Weibo post is English).
    const rows = examples.filter((e) => featurizer.languageOf(e.text, e.language) === language);
    const set = blockSparseSet(featurizer, rows, weightOf, language);
    log(`${language}: featurised ${set.size} training utterances (${set.indices.length} non-zeros, ${featurizer.blockRows} rows)`);
    const size = set.size;
    const nonZeros = set.indices.length;
    return fit(set, featurizer.blockRows, optionsOf(language), (line) => log(`${language}: ${line}`)).then((block): LanguageFit => {
      placeBlock(combined, block, language, featurizer.blockRows);
      return { language, rows: size, nonZeros, iterations: block.iterations, converged: block.converged, seconds: Math.round((Date.now() - startedMs) / 1000) };
    });
  });
  return { linear: combined, fits: await Promise.all(pending) };
}
