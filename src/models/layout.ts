// A model directory in the Hugging Face layout (docs/models.md): what must be in it, read and
// checked before anything is loaded. Every problem names the directory and the file, so an
// operator who pointed CALLCUE_TEXT_MODEL or CALLCUE_VOICE_MODEL at the wrong thing is told what.

import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { CallcueError, ErrorCodes } from '../errors.js';

export type ModelKind = 'text' | 'voice';
/** What a model's label may mean to callcue; non-target is folded into neutral. */
export const CALLCUE_TARGETS = ['anger', 'anxiety', 'disappointment', 'neutral', 'non-target'] as const;
export type CallcueTarget = (typeof CALLCUE_TARGETS)[number];

/** The ONNX files looked for, in order of preference (optimum writes model.onnx; quantisation adds model_quantized.onnx). */
export const ONNX_FILES = ['onnx/model.onnx', 'onnx/model_quantized.onnx'] as const;
export const CALLCUE_JSON = 'callcue.json';

const callcueJsonSchema = z
  .object({
    labels: z.record(z.string(), z.enum(CALLCUE_TARGETS)),
    languages: z.array(z.string().regex(/^[a-z]{2,3}$/, 'a language is a two- or three-letter code such as "zh" or "en"')).min(1),
  })
  .strict();

const configJsonSchema = z.object({ id2label: z.record(z.string(), z.string()) }).passthrough();

const preprocessorSchema = z
  .object({
    feature_extractor_type: z.string().optional(),
    sampling_rate: z.number().int().positive().default(16_000),
    do_normalize: z.boolean().default(true),
    feature_size: z.number().int().default(1),
  })
  .passthrough();

export type Preprocessor = z.infer<typeof preprocessorSchema>;

export interface ModelLayout {
  kind: ModelKind;
  dir: string;
  onnxPath: string;
  /** The model's labels in output order (config.json id2label). */
  labels: string[];
  /** What each output means to callcue, in output order. */
  targets: CallcueTarget[];
  /** Primary language subtags the model is validated for ("zh", "en"). */
  languages: string[];
  config: Record<string, unknown>;
  /** Text models: tokenizer.json and tokenizer_config.json (the latter may be empty). */
  tokenizer?: { json: object; config: Record<string, unknown> };
  /** Voice models: preprocessor_config.json. */
  preprocessor?: Preprocessor;
}

export class ModelDirError extends CallcueError {
  constructor(
    readonly dir: string,
    problem: string,
  ) {
    super(ErrorCodes.CONFIG_INVALID, `model directory ${dir}: ${problem}`);
    this.name = 'ModelDirError';
  }
}

function readJson(dir: string, file: string): unknown {
  const path = join(dir, file);
  if (!existsSync(path)) throw new ModelDirError(dir, `${file} is missing`);
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ModelDirError(dir, `${file} is not valid JSON: ${(err as Error).message}`);
  }
}

function parse<T>(dir: string, file: string, schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const at = issue.path.length > 0 ? ` at "${issue.path.join('.')}"` : '';
  throw new ModelDirError(dir, `${file}${at}: ${issue.message}`);
}

/** Reads and checks the directory's files (not the graph: see graph-io.ts). */
export function readModelLayout(kind: ModelKind, dirIn: string): ModelLayout {
  const dir = resolve(dirIn);
  if (!existsSync(dir)) throw new ModelDirError(dir, 'does not exist');
  const config = parse(dir, 'config.json', configJsonSchema, readJson(dir, 'config.json'));
  const ids = Object.keys(config.id2label)
    .map(Number)
    .sort((a, b) => a - b);
  if (ids.length === 0 || ids.some((id, i) => id !== i)) throw new ModelDirError(dir, 'config.json id2label must number the labels 0, 1, 2, … without gaps');
  const labels = ids.map((id) => config.id2label[String(id)]!);
  const mapping = parse(dir, CALLCUE_JSON, callcueJsonSchema, readJson(dir, CALLCUE_JSON));
  const unmapped = labels.filter((l) => !(l in mapping.labels));
  if (unmapped.length > 0) {
    throw new ModelDirError(dir, `label ${unmapped.map((l) => `"${l}"`).join(', ')} of config.json is not mapped in ${CALLCUE_JSON} (map each to anger, anxiety, disappointment, neutral or non-target)`);
  }
  const unknown = Object.keys(mapping.labels).filter((l) => !labels.includes(l));
  if (unknown.length > 0) throw new ModelDirError(dir, `${CALLCUE_JSON} maps ${unknown.map((l) => `"${l}"`).join(', ')}, which config.json id2label does not have`);
  const onnx = ONNX_FILES.find((f) => existsSync(join(dir, f)));
  if (onnx === undefined) throw new ModelDirError(dir, `${ONNX_FILES.join(' or ')} is missing`);
  const layout: ModelLayout = {
    kind,
    dir,
    onnxPath: join(dir, onnx),
    labels,
    targets: labels.map((l) => mapping.labels[l]!),
    languages: mapping.languages,
    config,
  };
  if (kind === 'text') {
    const json = readJson(dir, 'tokenizer.json');
    if (typeof json !== 'object' || json === null || !('model' in json)) throw new ModelDirError(dir, 'tokenizer.json is not a tokenizers file (no "model")');
    const cfg = existsSync(join(dir, 'tokenizer_config.json')) ? readJson(dir, 'tokenizer_config.json') : {};
    layout.tokenizer = { json, config: cfg as Record<string, unknown> };
  } else {
    const pre = parse(dir, 'preprocessor_config.json', preprocessorSchema, readJson(dir, 'preprocessor_config.json'));
    // Raw-waveform extractors only (wav2vec2, HuBERT, WavLM, data2vec-audio, emotion2vec): a
    // log-mel front end (Whisper, AST) would be computed wrongly, so it is refused.
    if (pre.feature_extractor_type !== undefined && pre.feature_extractor_type !== 'Wav2Vec2FeatureExtractor') {
      throw new ModelDirError(dir, `preprocessor_config.json names ${pre.feature_extractor_type}; callcue feeds raw 16 kHz waveforms (Wav2Vec2FeatureExtractor)`);
    }
    if (pre.sampling_rate !== 16_000) throw new ModelDirError(dir, `preprocessor_config.json sampling_rate is ${pre.sampling_rate}; callcue feeds 16000 Hz`);
    if (pre.feature_size !== 1) throw new ModelDirError(dir, `preprocessor_config.json feature_size is ${pre.feature_size}; callcue feeds one waveform channel (1)`);
    layout.preprocessor = pre;
  }
  return layout;
}

/** "zh" for zh-CN, zh-Hant-TW…; "en" for en-GB. */
export function primaryLanguage(tag: string): string {
  return tag.split(/[-_]/)[0]!.toLowerCase();
}
