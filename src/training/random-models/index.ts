// Randomly initialised stand-ins for pretrained models, in the layout callcue loads: tests make tiny
// ones, the bench the common sizes.
export { GraphBuilder } from './graph-builder.js';
export { buildTextEncoder, type BuiltModel, type TextEncoderShape } from './text-encoder.js';
export { buildSpeechEncoder, type SpeechEncoderShape } from './speech-encoder.js';
export { bertTokenizerFiles, bertVocabulary } from './tokenizer-json.js';
export { COMMON_SIZES, writeTextModelDir, writeVoiceModelDir, type ModelDirOptions, type WrittenModel } from './model-dir.js';
