// The n-gram idf table: smooth idf per bucket, one byte per bucket in the sidecar, and its effect on
// the featurizer's n-gram blocks (repeats merged and damped, rare n-grams weighted up).
import { describe, expect, it } from 'vitest';
import { idfFromCounts, packIdf, unpackIdf } from '../../src/text/emotion/idf.js';
import { FeatureSink } from '../../src/text/emotion/feature-sink.js';
import { hash32 } from '../../src/text/emotion/hash.js';

describe('idf table', () => {
  it('is scikit-learn\'s smooth idf, quantised to 1/20', () => {
    const idf = idfFromCounts(Uint32Array.from([0, 9, 99]), 99);
    expect(idf[0]).toBeCloseTo(Math.log(100) + 1, 1);
    expect(idf[1]).toBeCloseTo(Math.log(10) + 1, 1);
    expect(idf[2]).toBeCloseTo(1, 6);
    for (const v of idf) expect(Math.abs(v * 20 - Math.round(v * 20))).toBeLessThan(1e-4);
  });

  it('packs to one byte per bucket and back exactly', () => {
    const idf = idfFromCounts(Uint32Array.from([0, 1, 5, 50, 500, 5000]), 6000);
    const packed = packIdf(idf);
    expect(Buffer.from(packed, 'base64')).toHaveLength(6);
    expect(Array.from(unpackIdf(packed, 6))).toEqual(Array.from(idf));
    expect(() => unpackIdf(packed, 8)).toThrow(/6 buckets/);
  });

  it('merges repeats with sublinear counts, weights by idf, then scales the block to unit length', () => {
    const sink = new FeatureSink(20);
    const mask = (1 << 20) - 1;
    const bucket = (name: string) => hash32(name) & mask;
    sink.idf = new Float32Array(1 << 20).fill(1);
    sink.idf[bucket('rare')] = 4;
    sink.add('outside');
    sink.beginBlock();
    for (const name of ['common', 'common', 'common', 'rare']) sink.add(name);
    sink.endBlock();
    expect(sink.length).toBe(3);
    expect(Math.abs(sink.values[0])).toBe(1);
    const common = 1 + Math.log(3);
    const norm = Math.hypot(common, 4);
    expect(sink.indices[1]).toBe(bucket('common'));
    expect(Math.abs(sink.values[1])).toBeCloseTo(common / norm, 6);
    expect(sink.indices[2]).toBe(bucket('rare'));
    expect(Math.abs(sink.values[2])).toBeCloseTo(4 / norm, 6);
  });
});
