// Reads the linear model's weights out of the shipped text-emotion.onnx (Gemm W and b), so the
// hot path can compute the same softmax(x·W + b) synchronously in TypeScript: an onnxruntime call
// is asynchronous and costs more than the whole sparse dot product.

import { readOnnxGraph } from '../../classifiers/onnx-graph.js';

export const TEXT_EMOTION_INPUT = 'features';
export const TEXT_EMOTION_OUTPUT = 'probs';
export const TEXT_EMOTION_WEIGHTS = 'W';
export const TEXT_EMOTION_BIAS = 'b';

export interface OnnxLinearWeights {
  /** [dimension × classes], row-major. */
  weights: Float32Array;
  bias: Float32Array;
  dimension: number;
  classes: number;
  metadata: Record<string, string>;
}

export function readLinearOnnx(bytes: Uint8Array): OnnxLinearWeights {
  const graph = readOnnxGraph(bytes, 'text-emotion.onnx');
  if (graph.ops !== 'Gemm,Softmax') throw new Error(`text-emotion.onnx: expected Gemm,Softmax, found ${graph.ops}`);
  const w = graph.tensor(TEXT_EMOTION_WEIGHTS);
  const b = graph.tensor(TEXT_EMOTION_BIAS);
  const dimension = w.dims[0] ?? 0;
  const classes = w.dims[1] ?? 0;
  if (w.data.length !== dimension * classes || b.data.length !== classes) throw new Error('text-emotion.onnx: weight shapes do not match');
  return { weights: w.data, bias: b.data, dimension, classes, metadata: graph.metadata };
}
