// The trained MLPs as ONNX graphs: standardise (Sub, Div) → Gemm → Relu → Gemm → Softmax → fold
// the training classes into the outputs (MatMul). The emotion model folds non-target into neutral
// → probs [N, 4] in EMOTION_LABELS order; the unfamiliar-sound gate keeps only its second class →
// unfamiliarity [N, 1]. Little-endian float32 raw data, as onnxruntime expects everywhere we run.

import { EMOTION_LABELS } from '../frames/types.js';
import type { TrainingClass } from './manifest.js';
import type { MlpModel } from './mlp.js';
import { encodeOnnxModel, type OnnxInitializer, type OnnxNodeSpec } from './onnx-writer.js';

export const PROSODY_INPUT = 'features';
export const PROSODY_OUTPUT = 'probs';
export const GATE_OUTPUT = 'unfamiliarity';

interface Folded {
  name: string;
  output: string;
  /** Row-major [classes × outputs]. */
  fold: Float32Array;
  outputs: number;
  metadata: Record<string, string>;
}

function mlpToOnnx(model: MlpModel, f: Folded): Uint8Array {
  const D = model.inputs;
  const C = model.classes;
  const initializers: OnnxInitializer[] = [
    { name: 'mean', dims: [D], data: model.mean },
    { name: 'std', dims: [D], data: model.std },
    { name: 'w2', dims: [C, model.hidden > 0 ? model.hidden : D], data: model.w2 },
    { name: 'b2', dims: [C], data: model.b2 },
    { name: 'fold', dims: [C, f.outputs], data: f.fold },
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
    { op: 'MatMul', inputs: ['class_probs', 'fold'], outputs: [f.output] },
  );
  return encodeOnnxModel({
    name: f.name,
    inputs: [{ name: PROSODY_INPUT, dims: ['N', D] }],
    outputs: [{ name: f.output, dims: ['N', f.outputs] }],
    initializers,
    nodes,
    metadata: f.metadata,
  });
}

export function prosodyModelToOnnx(model: MlpModel, classes: readonly TrainingClass[], metadata: Record<string, string>): Uint8Array {
  const L = EMOTION_LABELS.length;
  const fold = new Float32Array(model.classes * L);
  classes.forEach((c, i) => (fold[i * L + EMOTION_LABELS.indexOf(c === 'other' ? 'neutral' : c)] = 1));
  return mlpToOnnx(model, {
    name: 'callcue_prosody',
    output: PROSODY_OUTPUT,
    fold,
    outputs: L,
    metadata: { ...metadata, classes: classes.join(','), outputs: EMOTION_LABELS.join(',') },
  });
}

/** The gate: a two-class MLP (speech, unfamiliar) whose one output is P(unfamiliar). */
export function gateModelToOnnx(model: MlpModel, metadata: Record<string, string>): Uint8Array {
  return mlpToOnnx(model, {
    name: 'callcue_prosody_gate',
    output: GATE_OUTPUT,
    fold: Float32Array.from([0, 1]),
    outputs: 1,
    metadata: { ...metadata, classes: 'speech,unfamiliar', outputs: GATE_OUTPUT },
  });
}
