// The prosody emotion model: loaded once at start; null when models/prosody.onnx is absent so
// the service still runs (and then shows measured prosody without a label). The sidecar
// prosody.json names the model's inputs; a model trained on other features than this build
// computes is refused at load rather than fed misaligned numbers.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NORMALIZED_COUNT, NORMALIZED_NAMES } from '../features/index.js';
import { EMOTION_LABELS, type EmotionProbs } from '../frames/types.js';
import { createOnnxSession, float32Tensor } from './onnx.js';

export interface ProsodyModel {
  readonly version: string;
  predict(features: Float32Array): Promise<EmotionProbs>;
}

export const PROSODY_MODEL_FILE = 'prosody.onnx';
export const PROSODY_SIDECAR_FILE = 'prosody.json';

interface Sidecar {
  version?: string;
  inputs?: string[];
}

function readSidecar(modelsDir: string): Sidecar {
  const file = join(modelsDir, PROSODY_SIDECAR_FILE);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Sidecar) : {};
}

export async function loadProsodyModel(modelsDir: string): Promise<ProsodyModel | null> {
  const file = join(modelsDir, PROSODY_MODEL_FILE);
  if (!existsSync(file)) return null;
  const bytes = readFileSync(file);
  const sidecar = readSidecar(modelsDir);
  if (sidecar.inputs && sidecar.inputs.join(',') !== NORMALIZED_NAMES.join(',')) {
    throw new Error(`${file} was trained on other features than this build computes: retrain with train-prosody`);
  }
  const session = await createOnnxSession(bytes);
  const inputName = session.inputNames[0];
  const outputName = session.outputNames[0];
  const version = sidecar.version ?? `prosody-${createHash('sha256').update(bytes).digest('hex').slice(0, 12)}`;
  // One preallocated input; runs are chained so the buffer is never overwritten mid-run.
  const input = new Float32Array(NORMALIZED_COUNT);
  const tensor = float32Tensor(input, [1, NORMALIZED_COUNT]);
  let queue: Promise<unknown> = Promise.resolve();

  async function run(features: Float32Array): Promise<EmotionProbs> {
    input.set(features);
    const result = await session.run({ [inputName]: tensor });
    const p = result[outputName].data as Float32Array;
    const probs = {} as EmotionProbs;
    EMOTION_LABELS.forEach((label, i) => (probs[label] = p[i]));
    return probs;
  }

  return {
    version,
    predict(features: Float32Array): Promise<EmotionProbs> {
      if (features.length !== NORMALIZED_COUNT) {
        return Promise.reject(new RangeError(`prosody model expects ${NORMALIZED_COUNT} features, got ${features.length}`));
      }
      const next = queue.then(() => run(features));
      queue = next.catch(() => undefined);
      return next;
    },
  };
}
