// A fitted voice model as the files the service loads — prosody.onnx, prosody-gate.onnx and the
// sidecar prosody.json — built in memory, so the evaluation scores exactly what training writes,
// through the service's own loader and judge (src/classifiers).

import { createHash } from 'node:crypto';
import { prosodyModelFromBytes, type ProsodyModel, type ProsodySidecar } from '../classifiers/prosody.js';
import { NORMALIZED_NAMES } from '../features/index.js';
import { EMOTION_LABELS } from '../frames/types.js';
import { gateModelToOnnx, prosodyModelToOnnx } from './prosody-onnx.js';
import type { FittedVoice } from './voice-model.js';

export const PROSODY_GATE_FILE = 'prosody-gate.onnx';

export interface VoiceFiles {
  version: string;
  emotion: Uint8Array;
  gate: Uint8Array | null;
  sidecar: ProsodySidecar & Record<string, unknown>;
}

/** `extra` goes into the sidecar beside what the loader reads (e.g. the training record). */
export function voiceFiles(fitted: FittedVoice, extra: Record<string, unknown> = {}): VoiceFiles {
  const { emotion, gate } = fitted;
  const hash = createHash('sha256').update(prosodyModelToOnnx(emotion.model, emotion.classes, {}));
  if (gate) hash.update(gateModelToOnnx(gate.model, {}));
  const version = `prosody-${hash.digest('hex').slice(0, 12)}`;
  const sidecar: VoiceFiles['sidecar'] = {
    version,
    classes: emotion.classes,
    outputs: EMOTION_LABELS,
    inputs: [...NORMALIZED_NAMES],
    languages: fitted.languages,
    temperature: fitted.temperature,
    ...(gate ? { gate: { file: PROSODY_GATE_FILE, inputs: [...gate.inputs], threshold: gate.threshold } } : {}),
    ...extra,
  };
  return {
    version,
    emotion: prosodyModelToOnnx(emotion.model, emotion.classes, { version, inputs: String(NORMALIZED_NAMES.length) }),
    gate: gate ? gateModelToOnnx(gate.model, { version, inputs: String(gate.inputs.length) }) : null,
    sidecar,
  };
}

/** The service's model over these files (parity with onnxruntime checked, as at start-up). */
export function runtimeModel(files: VoiceFiles): Promise<ProsodyModel> {
  return prosodyModelFromBytes(files.emotion, files.sidecar, files.gate);
}
