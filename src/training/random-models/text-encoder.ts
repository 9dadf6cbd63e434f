// A randomly initialised BERT-shaped sequence classifier with the inputs and output an
// `optimum-cli export onnx --task text-classification` export has: input_ids, attention_mask
// (and token_type_ids) → logits [batch, labels]. Tests use tiny ones; the bench uses the common
// sizes (6 layers × 384, MiniLM-class; 12 × 768, BERT-base) to measure what a call costs.

import { GraphBuilder } from './graph-builder.js';

export interface TextEncoderShape {
  vocabSize: number;
  layers: number;
  hidden: number;
  heads: number;
  ffn: number;
  maxPositions: number;
  labels: number;
  /** Whether the graph takes token_type_ids (BERT does; RoBERTa/XLM-R exports do not). */
  tokenTypes: boolean;
}

export interface BuiltModel {
  bytes: Uint8Array;
  parameters: number;
}

export function buildTextEncoder(shape: TextEncoderShape, seed = 1): BuiltModel {
  const g = new GraphBuilder(seed);
  const H = shape.hidden;
  const words = g.op('Gather', [g.weight([shape.vocabSize, H]), 'input_ids']);
  const length = g.op('Gather', [g.op('Shape', ['input_ids']), g.ints([1], true)]);
  const positions = g.op('Gather', [g.weight([shape.maxPositions, H]), g.op('Range', [g.ints([0], true), length, g.ints([1], true)])]);
  let embedded = g.op('Add', [words, positions]);
  if (shape.tokenTypes) embedded = g.op('Add', [embedded, g.op('Gather', [g.weight([2, H]), 'token_type_ids'])]);
  let x = g.layerNorm(embedded, H);
  // Padding is masked out of attention the way BERT does it: (1 − mask) · −10000 added to the scores.
  const keep = g.op('Cast', ['attention_mask'], { to: { int: 1 } });
  const additive = g.op('Mul', [g.op('Sub', [g.filled([], 1), keep]), g.filled([], -10000)]);
  const mask = g.op('Unsqueeze', [additive, g.ints([1, 2])]);
  for (let l = 0; l < shape.layers; l++) x = g.encoderLayer(x, H, shape.heads, shape.ffn, mask);
  const cls = g.op('Gather', [x, g.ints([0], true)], { axis: { int: 1 } });
  const pooled = g.op('Tanh', [g.dense(cls, H, H)]);
  g.output(g.dense(pooled, H, shape.labels), 'logits');
  const ids = ['input_ids', 'attention_mask', ...(shape.tokenTypes ? ['token_type_ids'] : [])];
  const bytes = g.encode(
    'text-classifier',
    ids.map((name) => ({ name, dims: ['batch_size', 'sequence_length'], type: 'int64' as const })),
    [{ name: 'logits', dims: ['batch_size', shape.labels] }],
  );
  return { bytes, parameters: g.parameters };
}
