// Caller text emotion (Chinese and English): load the shipped model once, classify utterances.
export { LinearTextEmotionModel, selectCues, strongEmotion, STRONG_MIN_PROB } from './model.js';
export { loadTextEmotion, loadTextModelTables, textModelFromTables } from './tables.js';
export type { TextModelTables } from './tables.js';
export { sharedAlloc } from './alloc.js';
export { NO_CONTEXT } from './context.js';
export type { TextContext } from './context.js';
export type { TextEmotionModel, TextEmotionResult } from './model.js';
export { Featurizer } from './featurizer.js';
export type { FeaturizerConfig, FeaturizerResources } from './featurizer-config.js';
export { DEFAULT_FEATURIZER_CONFIG } from './featurizer-config.js';
export type { CuePatternSpec } from './cue-patterns.js';
export { idfFromCounts, packIdf, unpackIdf } from './idf.js';
export { readLinearOnnx } from './onnx-weights.js';
export type { OnnxLinearWeights } from './onnx-weights.js';
export { sidecarSchema, TEXT_EMOTION_FORMAT, TEXT_EMOTION_ONNX, TEXT_EMOTION_SIDECAR } from './sidecar.js';
export type { TextEmotionSidecar } from './sidecar.js';
