// The reference baseline the issue quotes, reproduced under our scoring protocol: TF-IDF
// (English word uni+bigrams, Chinese character uni+bigrams) + logistic regression, one model per
// corpus, trained on target rows only. Lets eval-text show how far the shipped model is above it.

import { EMOTION_LABELS, type EmotionLabel } from '../../frames/types.js';
import { toSimplified } from '../../text/lang.js';
import type { CorpusSplits } from './datasets.js';
import type { Example } from './example.js';
import { scoreDataset, type DatasetScore } from './metrics.js';
import { labelIndex, trainLinear, CLASS_COUNT, type SparseSet } from './trainer.js';

function grams(example: Example): string[] {
  if (example.language.startsWith('zh')) {
    const text = toSimplified(example.text).toLowerCase();
    const out: string[] = [];
    for (let n = 1; n <= 2; n += 1) for (let i = 0; i + n <= text.length; i += 1) out.push(text.slice(i, i + n));
    return out;
  }
  const tokens = example.text.toLowerCase().match(/\b\w\w+\b/g) ?? [];
  return [...tokens, ...tokens.slice(1).map((t, i) => `${tokens[i]} ${t}`)];
}

class TfIdf {
  private readonly vocabulary = new Map<string, number>();
  private readonly idf: number[] = [];

  constructor(train: readonly Example[]) {
    const df: number[] = [];
    for (const example of train) {
      for (const gram of new Set(grams(example))) {
        let id = this.vocabulary.get(gram);
        if (id === undefined) {
          id = this.vocabulary.size;
          this.vocabulary.set(gram, id);
          df.push(0);
        }
        df[id] += 1;
      }
    }
    for (const d of df) this.idf.push(Math.log((1 + train.length) / (1 + d)) + 1);
  }

  get size(): number {
    return this.vocabulary.size;
  }

  vector(example: Example): [number[], number[]] {
    const counts = new Map<number, number>();
    for (const gram of grams(example)) {
      const id = this.vocabulary.get(gram);
      if (id !== undefined) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    const ids = [...counts.keys()];
    const values = ids.map((id) => (counts.get(id) ?? 0) * this.idf[id]);
    const norm = Math.sqrt(values.reduce((a, v) => a + v * v, 0)) || 1;
    return [ids, values.map((v) => v / norm)];
  }
}

/** Scores of the baseline on each dev set, trained on the matching corpus's target rows. */
export function baselineScores(corpora: CorpusSplits, seed: number): DatasetScore[] {
  const plan: Array<[string, string]> = [['goemotions', 'goemotions-dev'], ['smp2020', 'smp2020-eval']];
  return plan.map(([corpus, devName]) => {
    const train = corpora.train.filter((e) => e.corpus === corpus && e.kind === 'target');
    const tfidf = new TfIdf(train);
    const offsets = new Int32Array(train.length + 1);
    const indices: number[] = [];
    const values: number[] = [];
    train.forEach((example, i) => {
      const [ids, vals] = tfidf.vector(example);
      indices.push(...ids);
      values.push(...vals);
      offsets[i + 1] = indices.length;
    });
    const set: SparseSet = {
      offsets,
      indices: Int32Array.from(indices),
      values: Float32Array.from(values),
      labels: Uint8Array.from(train.map((e) => labelIndex(e.label as EmotionLabel))),
      weights: new Float32Array(train.length).fill(1),
      size: train.length,
    };
    const model = trainLinear(set, tfidf.size, { epochs: 10, learningRate: 0.1, l2: 1e-5, seed, averageEpochs: 1 });
    const scores = new Float64Array(CLASS_COUNT);
    const predict = (example: Example): EmotionLabel => {
      const [ids, vals] = tfidf.vector(example);
      for (let k = 0; k < CLASS_COUNT; k += 1) scores[k] = model.bias[k];
      ids.forEach((id, j) => {
        for (let k = 0; k < CLASS_COUNT; k += 1) scores[k] += vals[j] * model.weights[id * CLASS_COUNT + k];
      });
      let best = 0;
      for (let k = 1; k < CLASS_COUNT; k += 1) if (scores[k] > scores[best]) best = k;
      return EMOTION_LABELS[best];
    };
    return scoreDataset(`baseline ${devName}`, corpora.dev[devName] ?? [], predict);
  });
}
