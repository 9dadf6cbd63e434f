// Creating onnxruntime sessions the same way everywhere: one intra-op thread, because the
// service runs hundreds of calls on two cores and parallelism comes from calls, not from
// splitting a tiny matrix product across threads.

import ort from 'onnxruntime-node';

export type OnnxSession = ort.InferenceSession;

export async function createOnnxSession(source: string | Uint8Array): Promise<OnnxSession> {
  const options: ort.InferenceSession.SessionOptions = {
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
  };
  return typeof source === 'string' ? ort.InferenceSession.create(source, options) : ort.InferenceSession.create(source, options);
}

export function float32Tensor(data: Float32Array, dims: readonly number[]): ort.Tensor {
  return new ort.Tensor('float32', data, dims);
}
