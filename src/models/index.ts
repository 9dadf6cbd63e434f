// Bring your own model: pretrained text and voice emotion models in the Hugging Face layout,
// loaded from local directories, batched, reloaded on change (docs/models.md).
export { CALLCUE_JSON, CALLCUE_TARGETS, ModelDirError, ONNX_FILES, primaryLanguage, readModelLayout, type CallcueTarget, type ModelKind, type ModelLayout } from './layout.js';
export { CALIBRATION_FILE, calibrationFrom, readCalibration, writeCalibration, type Calibration, type ClassScores } from './calibration.js';
export { mapLogits, UNIT_WEIGHTS, type ClassWeights } from './labels.js';
export { Batcher, type BatcherOptions } from './batcher.js';
export { DEFAULT_RUN_OPTIONS, PluggedBase, STALE_VERDICT_MS, type PluggedModel, type RunLimits } from './plugged.js';
export { loadTextModel, PluggedTextModel, type Utterance } from './text-model.js';
export { loadVoiceModel, PluggedVoiceModel, VOICE_MODEL_RATE_HZ } from './voice-model.js';
export { ModelSlots, type ModelRef } from './slots.js';
export { InferenceThread, RemoteModel } from './remote.js';
export { PluggedModelStore, type ModelReloadResult } from './store.js';
