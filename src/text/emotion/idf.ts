// Inverse document frequency per hashed n-gram bucket, as TF-IDF weights n-grams: rare, telling
// n-grams count for more than 的/the before each block is scaled to unit length. Learnt from the
// training rows and shipped in the sidecar as one byte per bucket (steps of 1/20), so training and
// inference weight every n-gram identically.

import { plainAlloc, type TableAlloc } from './alloc.js';

const STEP = 20;

/** Smooth idf (scikit-learn's): ln((1 + rows) / (1 + df)) + 1, per bucket. */
export function idfFromCounts(documentFrequency: Uint32Array, rows: number): Float32Array {
  const idf = new Float32Array(documentFrequency.length);
  for (let i = 0; i < idf.length; i += 1) idf[i] = quantize(Math.log((1 + rows) / (1 + documentFrequency[i])) + 1);
  return idf;
}

/** The byte an idf value is shipped as. */
function toByte(value: number): number {
  return Math.min(255, Math.max(0, Math.round(value * STEP)));
}

function quantize(value: number): number {
  return toByte(value) / STEP;
}

export function packIdf(idf: Float32Array): string {
  const bytes = new Uint8Array(idf.length);
  for (let i = 0; i < idf.length; i += 1) bytes[i] = toByte(idf[i]);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

export function unpackIdf(packed: string, dimension: number, alloc: TableAlloc = plainAlloc): Float32Array {
  const bytes = Buffer.from(packed, 'base64');
  if (bytes.length !== dimension) throw new Error(`idf table has ${bytes.length} buckets, the featurizer ${dimension}`);
  const idf = new Float32Array(alloc(dimension * 4));
  for (let i = 0; i < dimension; i += 1) idf[i] = bytes[i] / STEP;
  return idf;
}
