// The reference baseline, reproduced as scikit-learn builds it by default: TfidfVectorizer
// (English: lower-cased word unigrams, tokens of 2+ word characters; Chinese: character 1–2-grams)
// with smooth idf and unit length, then LogisticRegression (multinomial, L2, C = 1,
// class_weight = balanced) trained to convergence by L-BFGS, one model per corpus. Checked against
// scikit-learn 1.2 itself (see models/text-emotion.md). Scored under both protocols, trained on the
// rows each protocol keeps, so the shipped model can be compared with it like for like.

import { EMOTION_LABELS, type EmotionLabel } from '../../frames/types.js';
import type { CorpusSplits } from './datasets.js';
import type { Example } from './example.js';
import { protocolLabel, scoreDataset, type DatasetScore, type Protocol } from './metrics.js';
import { CLASS_COUNT, labelIndex, trainLinear, type SparseSet } from './trainer.js';

const WORD = /[\p{L}\p{N}_]{2,}/gu;
const C = 1;

function grams(example: Example): string[] {
  const text = example.text.toLowerCase().replace(/\s+/g, ' ');
  if (!example.language.startsWith('zh')) return text.match(WORD) ?? [];
  const chars = [...text];
  const out: string[] = [...chars];
  for (let i = 0; i + 1 < chars.length; i += 1) out.push(chars[i] + chars[i + 1]);
  return out;
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

/** Train the baseline on rows labelled under `protocol`; returns its predictor. */
export function trainBaseline(train: readonly Example[], protocol: Protocol): (e: Example) => EmotionLabel {
  const rows = train.filter((e) => protocolLabel(e, protocol) !== null);
  const labels = rows.map((e) => labelIndex(protocolLabel(e, protocol) as EmotionLabel));
  const tfidf = new TfIdf(rows);
  const offsets = new Int32Array(rows.length + 1);
  const indices: number[] = [];
  const values: number[] = [];
  rows.forEach((example, i) => {
    const [ids, vals] = tfidf.vector(example);
    for (let j = 0; j < ids.length; j += 1) {
      indices.push(ids[j]);
      values.push(vals[j]);
    }
    offsets[i + 1] = indices.length;
  });
  // class_weight="balanced": n / (classes × n_c), which sums to n over the rows.
  const counts = new Array<number>(CLASS_COUNT).fill(0);
  for (const label of labels) counts[label] += 1;
  const set: SparseSet = {
    offsets,
    indices: Int32Array.from(indices),
    values: Float32Array.from(values),
    labels: Uint8Array.from(labels),
    weights: Float32Array.from(labels.map((label) => rows.length / (CLASS_COUNT * counts[label]))),
    size: rows.length,
  };
  // scikit-learn minimises ‖W‖²/2 + C·Σ wᵢ·CEᵢ; over the mean weighted loss that is λ = 1 / (C·Σ wᵢ).
  const model = trainLinear(set, tfidf.size, { l2: 1 / (C * rows.length), maxIterations: 500 });
  const scores = new Float64Array(CLASS_COUNT);
  return (example) => {
    const [ids, vals] = tfidf.vector(example);
    for (let k = 0; k < CLASS_COUNT; k += 1) scores[k] = model.bias[k];
    ids.forEach((id, j) => {
      for (let k = 0; k < CLASS_COUNT; k += 1) scores[k] += vals[j] * model.weights[id * CLASS_COUNT + k];
    });
    let best = 0;
    for (let k = 1; k < CLASS_COUNT; k += 1) if (scores[k] > scores[best]) best = k;
    return EMOTION_LABELS[best];
  };
}

const PLAN: ReadonlyArray<readonly [string, string]> = [['goemotions', 'goemotions-dev'], ['smp2020', 'smp2020-eval'], ['cped', 'cped-heldout']];

/**
 * The baseline on each dev set, once per protocol: trained on the matching corpus's target rows for
 * the primary protocol, on all its rows (non-target → neutral) for the all-rows one.
 */
export function baselineScores(corpora: CorpusSplits, log: (line: string) => void = () => {}): DatasetScore[] {
  return PLAN.map(([corpus, devName]) => {
    const train = corpora.train.filter((e) => e.corpus === corpus);
    const dev = corpora.dev[devName] ?? [];
    log(`baseline ${devName}: training on ${corpus} target rows`);
    const primary = trainBaseline(train, 'target');
    log(`baseline ${devName}: training on all ${corpus} rows`);
    const allRows = trainBaseline(train, 'all-rows');
    return scoreDataset(`baseline ${devName}`, dev, primary, allRows);
  });
}
