// Learns the per-bucket idf table (src/text/emotion/idf.ts) from the training utterances: one
// featurising pass without idf, counting in how many utterances each hashed bucket occurs.

import { idfFromCounts } from '../../text/emotion/idf.js';
import type { Featurizer } from '../../text/emotion/featurizer.js';
import type { Example } from './example.js';

export function fitIdf(featurizer: Featurizer, examples: readonly Example[]): Float32Array {
  const sink = featurizer.sink;
  const saved = sink.idf;
  sink.idf = null;
  const df = new Uint32Array(featurizer.dimension);
  const lastRow = new Int32Array(featurizer.dimension).fill(-1);
  examples.forEach((example, row) => {
    featurizer.featurize(example.text, example.language, example.context);
    for (let j = 0; j < sink.length; j += 1) {
      const bucket = sink.indices[j];
      if (lastRow[bucket] === row) continue;
      lastRow[bucket] = row;
      df[bucket] += 1;
    }
  });
  sink.idf = saved;
  return idfFromCounts(df, examples.length);
}
