// Training and evaluation of the voice (prosody) model and its gate (the text model's training lives in ./text).

export { activeRms, applyChannel, CLEAN_CHANNEL, drawChannel, gainForLevel, type ChannelParams } from './channel.js';
export { heldOutEvaluations, speakerFolds, type HeldOutResult, type HeldOutScheme, type HeldOutScores } from './crossval.js';
export { calibrationOf, fitTemperature, temperedProbs, type Calibration, type ReliabilityBin } from './calibration.js';
export { buildExamples, bySpeaker, callClips, DEFAULT_DATASET_OPTIONS, type DatasetOptions, type Example, type HeardClip } from './dataset.js';
export { DEFAULT_GATE_OPTIONS, fitGate, GATE_INPUT_NAMES, gateInput, gateScore, type FittedGate, type GateOptions } from './gate.js';
export { analyzeSamples } from './extract.js';
export { mapLabel, readManifest, splitCsvLine, TRAINING_CLASSES, type ManifestRow, type TrainingClass } from './manifest.js';
export { evaluate, evaluationJson, formatEvaluation, type Evaluation } from './metrics.js';
export { DEFAULT_MLP_OPTIONS, predictMlp, trainMlp, type MlpModel, type MlpOptions, type TrainingSet } from './mlp.js';
export { mergeMlps, trainMlpEnsemble } from './mlp-ensemble.js';
export { encodeOnnxModel, type OnnxGraphSpec, type OnnxNodeSpec } from './onnx-writer.js';
export { baselineDiagnostic, type BaselineOptions } from './prosody-baseline.js';
export { renderProsodyCard } from './prosody-card.js';
export { MissingDataError, resolveManifest } from './prosody-data.js';
export { GATE_OUTPUT, gateModelToOnnx, PROSODY_INPUT, PROSODY_OUTPUT, prosodyModelToOnnx } from './prosody-onnx.js';
export type { ProsodyScores, TrainingRecord } from './prosody-record.js';
export { formatCost, formatHeldOut, formatUnfamiliar, scoresJson } from './prosody-report.js';
export {
  assess,
  DEFAULT_TRAINER_OPTIONS,
  DEFAULT_VOICE_OPTIONS,
  evaluateProsody,
  fitFinal,
  makeExamples,
  makeUnfamiliar,
  UNFAMILIAR_CLIPS_PER_KIND,
  unfamiliarScores,
  voiceCost,
  writeProsodyModel,
} from './prosody-run.js';
export { DEFAULT_RFF_OPTIONS, fitRff, predictRff, type RffModel, type RffOptions } from './rff.js';
export { createRng, type Rng } from './rng.js';
export { argmaxLabel, fitProsody, foldProbs, predictProsody, type ClassMode, type FittedProsody, type ProsodyTrainerOptions } from './trainer.js';
export { drawSyntheticUtterance, drawSyntheticVoice, synthesize, SYNTHETIC_LANGUAGES, syntheticSentences, type SyntheticDelivery, type SyntheticLanguage, type SyntheticSplit } from './synthetic-speech.js';
export { buildUnfamiliarExamples, clipSource, UNFAMILIAR_KINDS, type UnfamiliarExample, type UnfamiliarKind } from './unfamiliar-examples.js';
export { DEFAULT_UNFAMILIAR_TABLE, judgeCalls, languageRows, unfamiliarTable, type UnfamiliarRow, type UnfamiliarTableOptions } from './unfamiliar-eval.js';
export { holdMusic, lineNoise, signallingTones, unfamiliarSound, UNFAMILIAR_SOUND_KINDS, type UnfamiliarSoundKind } from './unfamiliar-sounds.js';
export { measureVoiceCost, type VoiceCost } from './voice-cost.js';
export { PROSODY_GATE_FILE, runtimeModel, voiceFiles, type VoiceFiles } from './voice-files.js';
export { calibrationSpeakers, fitVoice, labelFold, type FittedVoice, type VoiceTrainerOptions } from './voice-model.js';
export { decodeWav, loadWav, type LoadedAudio } from './wav.js';
