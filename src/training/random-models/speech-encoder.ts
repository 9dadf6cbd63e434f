// A randomly initialised wav2vec2-shaped audio classifier with the input and output an
// `optimum-cli export onnx --task audio-classification` export has: input_values [batch, samples]
// (16 kHz) → logits [batch, labels]. The convolutional feature encoder (stride 320: one frame per
// 20 ms), a positional convolution, post-norm transformer layers, mean pooling, projector and
// classifier are those of Wav2Vec2ForSequenceClassification; the base size is ~95M parameters.

import { GraphBuilder } from './graph-builder.js';
import type { BuiltModel } from './text-encoder.js';

export interface SpeechEncoderShape {
  /** Channels of the convolutional feature encoder (512 in wav2vec2). */
  convDim: number;
  layers: number;
  hidden: number;
  heads: number;
  ffn: number;
  /** Kernel and groups of the positional convolution (128 and 16 in wav2vec2). */
  posKernel: number;
  posGroups: number;
  projector: number;
  labels: number;
}

/** wav2vec2's feature encoder: (kernel, stride) per layer; the product of strides is 320. */
const CONV_LAYERS: readonly [number, number][] = [
  [10, 5],
  [3, 2],
  [3, 2],
  [3, 2],
  [3, 2],
  [2, 2],
  [2, 2],
];

export function buildSpeechEncoder(shape: SpeechEncoderShape, seed = 2): BuiltModel {
  const g = new GraphBuilder(seed);
  const C = shape.convDim;
  const H = shape.hidden;
  let x = g.op('Unsqueeze', ['input_values', g.ints([1])]);
  CONV_LAYERS.forEach(([kernel, stride], i) => {
    x = g.op('Conv', [x, g.weight([C, i === 0 ? 1 : C, kernel], 0.1)], { strides: { ints: [stride] }, kernel_shape: { ints: [kernel] } });
    // wav2vec2-base normalises the first layer per channel (GroupNorm with one group per channel).
    if (i === 0) x = g.op('InstanceNormalization', [x, g.filled([C], 1), g.filled([C], 0)], { epsilon: { float: 1e-5 } });
    x = g.gelu(x);
  });
  x = g.op('Transpose', [x], { perm: { ints: [0, 2, 1] } });
  x = g.dense(g.layerNorm(x, C), C, H);
  const channelsFirst = g.op('Transpose', [x], { perm: { ints: [0, 2, 1] } });
  const half = shape.posKernel / 2;
  const pos = g.op('Conv', [channelsFirst, g.weight([H, H / shape.posGroups, shape.posKernel], 0.01), g.filled([H], 0)], {
    group: { int: shape.posGroups },
    kernel_shape: { ints: [shape.posKernel] },
    // An even kernel padded by half on each side gives one frame too many; wav2vec2 drops it.
    pads: { ints: [half, half - 1] },
  });
  x = g.layerNorm(g.op('Add', [x, g.op('Transpose', [g.gelu(pos)], { perm: { ints: [0, 2, 1] } })]), H);
  for (let l = 0; l < shape.layers; l++) x = g.encoderLayer(x, H, shape.heads, shape.ffn, null);
  const pooled = g.op('ReduceMean', [g.dense(x, H, shape.projector)], { axes: { ints: [1] }, keepdims: { int: 0 } });
  g.output(g.dense(pooled, shape.projector, shape.labels), 'logits');
  const bytes = g.encode('audio-classifier', [{ name: 'input_values', dims: ['batch_size', 'sequence_length'] }], [{ name: 'logits', dims: ['batch_size', shape.labels] }]);
  return { bytes, parameters: g.parameters };
}
