// The prosody emotion model: loaded once at start, null when models/prosody.onnx is absent so the
// service still runs (and then emits measured prosody without a label).

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import ort from 'onnxruntime-node';
import { EMOTION_LABELS, type EmotionProbs } from '../frames/types.js';

export interface ProsodyModel {
  readonly version: string;
  predict(features: Float32Array): Promise<EmotionProbs>;
}

export async function loadProsodyModel(modelsDir: string): Promise<ProsodyModel | null> {
  const file = join(modelsDir, 'prosody.onnx');
  if (!existsSync(file)) return null;
  const session = await ort.InferenceSession.create(file, { intraOpNumThreads: 1, interOpNumThreads: 1 });
  const input = session.inputNames[0]!;
  const output = session.outputNames[0]!;
  return {
    version: 'prosody.onnx',
    async predict(features) {
      const result = await session.run({ [input]: new ort.Tensor('float32', features, [1, features.length]) });
      const p = result[output]!.data as Float32Array;
      const probs = {} as EmotionProbs;
      EMOTION_LABELS.forEach((l, i) => (probs[l] = p[i] ?? 0));
      return probs;
    },
  };
}
