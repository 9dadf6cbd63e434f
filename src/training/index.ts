// Training and evaluation of the prosody model (the text model's training lives in ./text).

export { activeRms, applyChannel, CLEAN_CHANNEL, drawChannel, gainForLevel, type ChannelParams } from './channel.js';
export { crossCorpus, crossValidate, speakerFolds, type CorpusResult } from './crossval.js';
export { buildExamples, bySpeaker, DEFAULT_DATASET_OPTIONS, type DatasetOptions, type Example } from './dataset.js';
export { analyzeSamples } from './extract.js';
export { mapLabel, readManifest, splitCsvLine, TRAINING_CLASSES, type ManifestRow, type TrainingClass } from './manifest.js';
export { evaluate, evaluationJson, formatEvaluation, type Evaluation } from './metrics.js';
export { DEFAULT_MLP_OPTIONS, predictMlp, trainMlp, type MlpModel, type MlpOptions, type TrainingSet } from './mlp.js';
export { mergeMlps, trainMlpEnsemble } from './mlp-ensemble.js';
export { encodeOnnxModel, type OnnxGraphSpec, type OnnxNodeSpec } from './onnx-writer.js';
export { baselineDiagnostic, type BaselineOptions } from './prosody-baseline.js';
export { renderProsodyCard } from './prosody-card.js';
export { MissingDataError, resolveManifest } from './prosody-data.js';
export { PROSODY_INPUT, PROSODY_OUTPUT, prosodyModelToOnnx } from './prosody-onnx.js';
export {
  DEFAULT_TRAINER_OPTIONS,
  evaluateProsody,
  fitFinal,
  makeExamples,
  writeProsodyModel,
  type ProsodyScores,
  type TrainingRecord,
} from './prosody-run.js';
export { DEFAULT_RFF_OPTIONS, fitRff, predictRff, type RffModel, type RffOptions } from './rff.js';
export { createRng, type Rng } from './rng.js';
export { argmaxLabel, fitProsody, foldProbs, predictProsody, type ClassMode, type FittedProsody, type ProsodyTrainerOptions } from './trainer.js';
export { decodeWav, loadWav, type LoadedAudio } from './wav.js';
