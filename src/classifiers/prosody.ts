// The prosody emotion model: loaded once at start; null when models/prosody.onnx is absent so
// the service still runs (and then shows measured prosody without a label). The sidecar
// prosody.json names the model's inputs; a model trained on other features than this build
// computes is refused at load rather than fed misaligned numbers. Windows are judged
// synchronously from the file's weights (mlp-forward.ts says why); at load those are checked
// against onnxruntime running the same file, so the .onnx stays the one source of truth.

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
  /** The four label probabilities for one window's normalised features; throws RangeError on a wrong length. */
  predict(features: Float32Array): EmotionProbs;
}

export const PROSODY_MODEL_FILE = 'prosody.onnx';
export const PROSODY_SIDECAR_FILE = 'prosody.json';

/** Largest difference from onnxruntime tolerated at load (float32 vs float64 rounding is ~1e-7). */
const PARITY_TOLERANCE = 1e-5;
const PROBE_ROWS = 16;

interface Sidecar {
  version?: string;
  inputs?: string[];
}

function readSidecar(modelsDir: string): Sidecar {
  const file = join(modelsDir, PROSODY_SIDECAR_FILE);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Sidecar) : {};
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

export interface ProsodyLoadOptions {
  /**
   * sha256 of a model file this process has already checked against onnxruntime (a pipeline
   * worker's, checked once at start): the same bytes are not checked again, so the worker never
   * creates an onnxruntime session (~14 MB each).
   */
  parityCheckedSha256?: string;
}

/** sha256 of the model file, or null when there is none. */
export function prosodyModelSha256(modelsDir: string): string | null {
  const file = join(modelsDir, PROSODY_MODEL_FILE);
  return existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : null;
}

export async function loadProsodyModel(modelsDir: string, opts: ProsodyLoadOptions = {}): Promise<ProsodyModel | null> {
  const file = join(modelsDir, PROSODY_MODEL_FILE);
  if (!existsSync(file)) return null;
  const bytes = readFileSync(file);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const sidecar = readSidecar(modelsDir);
  if (sidecar.inputs && sidecar.inputs.join(',') !== NORMALIZED_NAMES.join(',')) {
    throw new Error(`${file} was trained on other features than this build computes: retrain with train-prosody`);
  }
  const forward = mlpForward(readOnnxGraph(bytes, file), file);
  if (forward.inputs !== NORMALIZED_COUNT || forward.outputs !== EMOTION_LABELS.length) {
    throw new Error(`${file} maps ${forward.inputs} features to ${forward.outputs} outputs; this build needs ${NORMALIZED_COUNT} → ${EMOTION_LABELS.length}`);
  }
  if (opts.parityCheckedSha256 !== sha256) await checkParity(bytes, forward, file);
  const version = sidecar.version ?? `prosody-${sha256.slice(0, 12)}`;
  const out = new Float64Array(EMOTION_LABELS.length);

  return {
    version,
    predict(features: Float32Array): EmotionProbs {
      if (features.length !== NORMALIZED_COUNT) {
        throw new RangeError(`prosody model expects ${NORMALIZED_COUNT} features, got ${features.length}`);
      }
      forward.run(features, out);
      const probs = {} as EmotionProbs;
      EMOTION_LABELS.forEach((label, i) => (probs[label] = out[i]!));
      return probs;
    },
  };
}
