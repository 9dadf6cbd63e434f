// The prosody MLP computed in TypeScript from the weights in models/prosody.onnx (graph written by
// src/training/prosody-onnx.ts): standardise → [Gemm → Relu] → Gemm → Softmax → fold to the four
// labels. Why not onnxruntime on the hot path: its run() is asynchronous (a setImmediate hop),
// and on a busy pipeline worker every hop waits a whole event-loop turn. With 100 calls the
// windows that fell due together queued behind each other's hops and the emotion p99 reached
// 104–288 ms (bench, 2026-11-29). Computed here the window is judged in the turn it completes, in
// ~10 µs. At load the loader checks this against onnxruntime on probe inputs (prosody.ts).

import type { OnnxGraph } from './onnx-graph.js';

const WITH_HIDDEN = 'Sub,Div,Gemm,Relu,Gemm,Softmax,MatMul';
const LINEAR = 'Sub,Div,Gemm,Softmax,MatMul';

export interface MlpForward {
  inputs: number;
  outputs: number;
  /** Writes the model's outputs for one input row into out (length outputs). */
  run(input: Float32Array, out: Float64Array): void;
}

export function mlpForward(graph: OnnxGraph, fileName: string): MlpForward {
  if (graph.ops !== WITH_HIDDEN && graph.ops !== LINEAR) throw new Error(`${fileName}: expected ${WITH_HIDDEN} or ${LINEAR}, found ${graph.ops}`);
  const mean = graph.tensor('mean').data;
  const std = graph.tensor('std').data;
  const w2 = graph.tensor('w2');
  const b2 = graph.tensor('b2').data;
  const fold = graph.tensor('fold');
  const hidden = graph.ops === WITH_HIDDEN ? graph.tensor('w1') : null;
  const b1 = hidden ? graph.tensor('b1').data : new Float32Array(0);
  const D = mean.length;
  const H = hidden ? hidden.dims[0]! : 0;
  const C = b2.length;
  const L = fold.dims[1]!;
  if (std.length !== D || (hidden && (hidden.dims[1] !== D || b1.length !== H)) || w2.dims[0] !== C || w2.dims[1] !== (H > 0 ? H : D) || fold.dims[0] !== C) {
    throw new Error(`${fileName}: weight shapes do not fit together`);
  }
  const z = new Float64Array(D);
  const h = new Float64Array(H);
  const logits = new Float64Array(C);
  return {
    inputs: D,
    outputs: L,
    run(input, out) {
      for (let i = 0; i < D; i++) z[i] = (input[i]! - mean[i]!) / std[i]!;
      let last: Float64Array = z;
      if (hidden) {
        const w1 = hidden.data;
        for (let j = 0; j < H; j++) {
          let s = b1[j]!;
          const off = j * D;
          for (let i = 0; i < D; i++) s += w1[off + i]! * z[i]!;
          h[j] = s > 0 ? s : 0;
        }
        last = h;
      }
      const width = last.length;
      let max = -Infinity;
      for (let c = 0; c < C; c++) {
        let s = b2[c]!;
        const off = c * width;
        for (let i = 0; i < width; i++) s += w2.data[off + i]! * last[i]!;
        logits[c] = s;
        if (s > max) max = s;
      }
      let sum = 0;
      for (let c = 0; c < C; c++) {
        logits[c] = Math.exp(logits[c]! - max);
        sum += logits[c]!;
      }
      out.fill(0);
      for (let c = 0; c < C; c++) {
        const p = logits[c]! / sum;
        for (let l = 0; l < L; l++) out[l] = out[l]! + p * fold.data[c * L + l]!;
      }
    },
  };
}
