// The prosody emotion model: loaded once at start; null when models/prosody.onnx is absent so
// the service still runs (and then shows measured prosody without a label). The sidecar
// prosody.json names the model's inputs, the languages it was validated on and its unfamiliar-
// sound gate (prosody-gate.onnx); a model trained on other features than this build computes is
// refused at load rather than fed misaligned numbers. Windows are judged synchronously from the
// files' weights (mlp-forward.ts says why); at load those are checked against onnxruntime running
// the same files, so the .onnx files stay the one source of truth. Which windows are judged at
// all is voice-judge.ts's business.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NORMALIZED_COUNT, NORMALIZED_NAMES } from '../features/index.js';
import { EMOTION_LABELS, type EmotionProbs } from '../frames/types.js';
import { mlpForward, type MlpForward } from './mlp-forward.js';
import { readOnnxGraph } from './onnx-graph.js';
import { createOnnxSession, float32Tensor } from './onnx.js';

export interface ProsodyModel {
  readonly version: string;
  /** Spoken languages (voice-language.ts) the model was validated on; empty when the sidecar names none. */
  readonly languages: readonly string[];
  /** The gate's threshold: a window this unfamiliar or more is not judged (Infinity without a gate). */
  readonly unfamiliarAbove: number;
  /** The four label probabilities for one window's normalised features; throws RangeError on a wrong length. */
  predict(features: Float32Array): EmotionProbs;
  /** 0..1: how unlike the training corpora's speech the window sounds (0 without a gate). */
  unfamiliarity(features: Float32Array): number;
}

export const PROSODY_MODEL_FILE = 'prosody.onnx';
export const PROSODY_SIDECAR_FILE = 'prosody.json';

/** Largest difference from onnxruntime tolerated at load (float32 vs float64 rounding is ~1e-7). */
const PARITY_TOLERANCE = 1e-5;
const PROBE_ROWS = 16;

export interface ProsodySidecar {
  version?: string;
  inputs?: string[];
  languages?: string[];
  gate?: { file: string; inputs: string[]; threshold: number };
}

function readSidecar(modelsDir: string): ProsodySidecar {
  const file = join(modelsDir, PROSODY_SIDECAR_FILE);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ProsodySidecar) : {};
}

/** Runs probe rows (deterministic, spread over ±3 standard deviations) through onnxruntime and the TypeScript forward pass. */
async function checkParity(bytes: Uint8Array, forward: MlpForward, file: string): Promise<void> {
  const session = await createOnnxSession(bytes);
  const D = forward.inputs;
  const probe = new Float32Array(PROBE_ROWS * D);
  for (let i = 0; i < probe.length; i++) probe[i] = Math.sin(i * 12.9898) * 3;
  const result = await session.run({ [session.inputNames[0]!]: float32Tensor(probe, [PROBE_ROWS, D]) });
  const reference = result[session.outputNames[0]!]!.data as Float32Array;
  await session.release();
  const out = new Float64Array(forward.outputs);
  for (let r = 0; r < PROBE_ROWS; r++) {
    forward.run(probe.subarray(r * D, (r + 1) * D), out);
    for (let k = 0; k < forward.outputs; k++) {
      const diff = Math.abs(out[k]! - reference[r * forward.outputs + k]!);
      if (!(diff <= PARITY_TOLERANCE)) throw new Error(`${file}: the TypeScript forward pass differs from onnxruntime by ${diff} (row ${r}, output ${k})`);
    }
  }
}

async function checkedForward(bytes: Uint8Array, file: string, inputs: number, outputs: number, parityChecked: boolean): Promise<MlpForward> {
  const forward = mlpForward(readOnnxGraph(bytes, file), file);
  if (forward.inputs !== inputs || forward.outputs !== outputs) {
    throw new Error(`${file} maps ${forward.inputs} features to ${forward.outputs} outputs; this build needs ${inputs} → ${outputs}`);
  }
  if (!parityChecked) await checkParity(bytes, forward, file);
  return forward;
}

export interface ProsodyLoadOptions {
  /**
   * prosodyModelSha256 of model files this process has already checked against onnxruntime (a
   * pipeline worker's, checked once at start): the same bytes are not checked again, so the
   * worker never creates an onnxruntime session (~14 MB each).
   */
  parityCheckedSha256?: string;
}

function sha256Of(bytes: Uint8Array, gateBytes: Uint8Array | null): string {
  const hash = createHash('sha256').update(bytes);
  if (gateBytes) hash.update(gateBytes);
  return hash.digest('hex');
}

/**
 * A model from the bytes of its files (training evaluates exactly what it would write).
 * `parityChecked`: these bytes were already checked against onnxruntime in this process.
 */
export async function prosodyModelFromBytes(
  bytes: Uint8Array,
  sidecar: ProsodySidecar,
  gateBytes: Uint8Array | null,
  file = PROSODY_MODEL_FILE,
  parityChecked = false,
): Promise<ProsodyModel> {
  if (sidecar.inputs && sidecar.inputs.join(',') !== NORMALIZED_NAMES.join(',')) {
    throw new Error(`${file} was trained on other features than this build computes: retrain with train-prosody`);
  }
  const forward = await checkedForward(bytes, file, NORMALIZED_COUNT, EMOTION_LABELS.length, parityChecked);
  const gateSpec = sidecar.gate;
  let gate: { forward: MlpForward; indices: number[]; input: Float32Array; out: Float64Array } | null = null;
  if (gateSpec && gateBytes) {
    const indices = gateSpec.inputs.map((name) => NORMALIZED_NAMES.indexOf(name));
    if (indices.some((i) => i < 0)) throw new Error(`${gateSpec.file} reads features this build does not compute: retrain with train-prosody`);
    gate = { forward: await checkedForward(gateBytes, gateSpec.file, indices.length, 1, parityChecked), indices, input: new Float32Array(indices.length), out: new Float64Array(1) };
  }
  const version = sidecar.version ?? `prosody-${sha256Of(bytes, gateBytes).slice(0, 12)}`;
  const out = new Float64Array(EMOTION_LABELS.length);
  const checkLength = (features: Float32Array): void => {
    if (features.length !== NORMALIZED_COUNT) throw new RangeError(`prosody model expects ${NORMALIZED_COUNT} features, got ${features.length}`);
  };

  return {
    version,
    languages: Object.freeze([...(sidecar.languages ?? [])]),
    unfamiliarAbove: gate ? (gateSpec?.threshold ?? Infinity) : Infinity,
    predict(features: Float32Array): EmotionProbs {
      checkLength(features);
      forward.run(features, out);
      const probs = {} as EmotionProbs;
      EMOTION_LABELS.forEach((label, i) => (probs[label] = out[i]!));
      return probs;
    },
    unfamiliarity(features: Float32Array): number {
      checkLength(features);
      if (!gate) return 0;
      for (let i = 0; i < gate.indices.length; i++) gate.input[i] = features[gate.indices[i]!]!;
      gate.forward.run(gate.input, gate.out);
      return gate.out[0]!;
    },
  };
}

/** The model's files as they are on disk, or null when there is no model. */
function readModelFiles(modelsDir: string): { file: string; bytes: Uint8Array; sidecar: ProsodySidecar; gateBytes: Uint8Array | null } | null {
  const file = join(modelsDir, PROSODY_MODEL_FILE);
  if (!existsSync(file)) return null;
  const sidecar = readSidecar(modelsDir);
  const gateFile = sidecar.gate ? join(modelsDir, sidecar.gate.file) : null;
  if (gateFile && !existsSync(gateFile)) throw new Error(`${join(modelsDir, PROSODY_SIDECAR_FILE)} names ${sidecar.gate!.file}, which is missing`);
  return { file, bytes: readFileSync(file), sidecar, gateBytes: gateFile ? readFileSync(gateFile) : null };
}

/** sha256 of the model's files (the emotion graph, then its gate), or null when there is none. */
export function prosodyModelSha256(modelsDir: string): string | null {
  const files = readModelFiles(modelsDir);
  return files ? sha256Of(files.bytes, files.gateBytes) : null;
}

export async function loadProsodyModel(modelsDir: string, opts: ProsodyLoadOptions = {}): Promise<ProsodyModel | null> {
  const files = readModelFiles(modelsDir);
  if (!files) return null;
  const checked = opts.parityCheckedSha256 !== undefined && opts.parityCheckedSha256 === sha256Of(files.bytes, files.gateBytes);
  return prosodyModelFromBytes(files.bytes, files.sidecar, files.gateBytes, files.file, checked);
}
