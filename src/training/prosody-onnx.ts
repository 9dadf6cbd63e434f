// The trained prosody MLP as an ONNX graph: standardise (Sub, Div) → Gemm → Relu → Gemm →
// Softmax → fold non-target into neutral (MatMul) → probs [N, 4] in EMOTION_LABELS order.
// Little-endian float32 raw data, as onnxruntime expects on every platform we run on.

import { EMOTION_LABELS } from '../frames/types.js';
import type { TrainingClass } from './manifest.js';
import type { MlpModel } from './mlp.js';
import { encodeOnnxModel, type OnnxInitializer, type OnnxNodeSpec } from './onnx-writer.js';

export const PROSODY_INPUT = 'features';
export const PROSODY_OUTPUT = 'probs';

export function prosodyModelToOnnx(model: MlpModel, classes: readonly TrainingClass[], metadata: Record<string, string>): Uint8Array {
  const D = model.inputs;
  const C = model.classes;
  const fold = new Float32Array(C * EMOTION_LABELS.length);
  classes.forEach((c, i) => (fold[i * EMOTION_LABELS.length + EMOTION_LABELS.indexOf(c === 'other' ? 'neutral' : c)] = 1));
  const initializers: OnnxInitializer[] = [
    { name: 'mean', dims: [D], data: model.mean },
    { name: 'std', dims: [D], data: model.std },
    { name: 'w2', dims: [C, model.hidden > 0 ? model.hidden : D], data: model.w2 },
    { name: 'b2', dims: [C], data: model.b2 },
    { name: 'fold', dims: [C, EMOTION_LABELS.length], data: fold },
  ];
  const nodes: OnnxNodeSpec[] = [
    { op: 'Sub', inputs: [PROSODY_INPUT, 'mean'], outputs: ['centred'] },
    { op: 'Div', inputs: ['centred', 'std'], outputs: ['z'] },
  ];
  let last = 'z';
  if (model.hidden > 0) {
    initializers.push({ name: 'w1', dims: [model.hidden, D], data: model.w1 }, { name: 'b1', dims: [model.hidden], data: model.b1 });
    nodes.push(
      { op: 'Gemm', inputs: ['z', 'w1', 'b1'], outputs: ['h_lin'], attributes: { transB: { int: 1 } } },
      { op: 'Relu', inputs: ['h_lin'], outputs: ['h'] },
    );
    last = 'h';
  }
  nodes.push(
    { op: 'Gemm', inputs: [last, 'w2', 'b2'], outputs: ['logits'], attributes: { transB: { int: 1 } } },
    { op: 'Softmax', inputs: ['logits'], outputs: ['class_probs'], attributes: { axis: { int: 1 } } },
    { op: 'MatMul', inputs: ['class_probs', 'fold'], outputs: [PROSODY_OUTPUT] },
  );
  return encodeOnnxModel({
    name: 'callcue_prosody',
    inputs: [{ name: PROSODY_INPUT, dims: ['N', D] }],
    outputs: [{ name: PROSODY_OUTPUT, dims: ['N', EMOTION_LABELS.length] }],
    initializers,
    nodes,
    metadata: { ...metadata, classes: classes.join(','), outputs: EMOTION_LABELS.join(',') },
  });
}
