// The text-emotion model as an ONNX graph: probs = Softmax(features · W + b), one Gemm and one
// Softmax, encoded by the shared writer in src/training/onnx-writer.ts. Any ONNX runtime can serve
// it; callcue itself reads W and b back out of the file and computes the same in TypeScript.

import { encodeOnnxModel } from '../onnx-writer.js';
import {
  TEXT_EMOTION_BIAS,
  TEXT_EMOTION_INPUT,
  TEXT_EMOTION_OUTPUT,
  TEXT_EMOTION_WEIGHTS,
} from '../../text/emotion/onnx-weights.js';
import type { LinearWeights } from './trainer.js';

export function encodeTextEmotionOnnx(model: LinearWeights, labels: readonly string[], version: string): Uint8Array {
  const classes = labels.length;
  return encodeOnnxModel({
    name: 'callcue_text_emotion',
    inputs: [{ name: TEXT_EMOTION_INPUT, dims: ['batch', model.dimension] }],
    outputs: [{ name: TEXT_EMOTION_OUTPUT, dims: ['batch', classes] }],
    initializers: [
      { name: TEXT_EMOTION_WEIGHTS, dims: [model.dimension, classes], data: model.weights },
      { name: TEXT_EMOTION_BIAS, dims: [classes], data: model.bias },
    ],
    nodes: [
      { op: 'Gemm', inputs: [TEXT_EMOTION_INPUT, TEXT_EMOTION_WEIGHTS, TEXT_EMOTION_BIAS], outputs: ['logits'] },
      { op: 'Softmax', inputs: ['logits'], outputs: [TEXT_EMOTION_OUTPUT], attributes: { axis: { int: 1 } } },
    ],
    metadata: { labels: labels.join(','), version, sidecar: 'text-emotion.json' },
    opset: 13,
  });
}
