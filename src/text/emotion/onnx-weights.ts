// Reads the linear model's weights out of the shipped text-emotion.onnx (Gemm W and b), so the
// hot path can compute the same softmax(x·W + b) synchronously in TypeScript: an onnxruntime call
// is asynchronous and costs more than the whole sparse dot product.

import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

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

function floats(tensor: onnxProto.onnx.ITensorProto): Float32Array {
  if (tensor.rawData !== undefined && tensor.rawData !== null && tensor.rawData.length > 0) {
    const raw = tensor.rawData;
    // Copy to an aligned buffer: protobuf slices may start at any byte offset.
    const copy = new Uint8Array(raw.length);
    copy.set(raw);
    return new Float32Array(copy.buffer);
  }
  return Float32Array.from(tensor.floatData ?? []);
}

export function readLinearOnnx(bytes: Uint8Array): OnnxLinearWeights {
  const model = onnx.ModelProto.decode(bytes);
  const graph = model.graph;
  if (graph === null || graph === undefined) throw new Error('text-emotion.onnx has no graph');
  const ops = (graph.node ?? []).map((n) => n.opType).join(',');
  if (ops !== 'Gemm,Softmax') throw new Error(`text-emotion.onnx: expected Gemm,Softmax, found ${ops}`);
  const find = (name: string) => {
    const tensor = (graph.initializer ?? []).find((t) => t.name === name);
    if (tensor === undefined) throw new Error(`text-emotion.onnx: initializer ${name} missing`);
    return tensor;
  };
  const w = find(TEXT_EMOTION_WEIGHTS);
  const b = find(TEXT_EMOTION_BIAS);
  const dimension = Number(w.dims?.[0]);
  const classes = Number(w.dims?.[1]);
  const weights = floats(w);
  const bias = floats(b);
  if (weights.length !== dimension * classes || bias.length !== classes) throw new Error('text-emotion.onnx: weight shapes do not match');
  const metadata: Record<string, string> = {};
  for (const prop of model.metadataProps ?? []) {
    if (prop.key) metadata[prop.key] = prop.value ?? '';
  }
  return { weights, bias, dimension, classes, metadata };
}
