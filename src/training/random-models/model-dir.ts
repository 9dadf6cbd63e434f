// Writes a model directory in the Hugging Face layout callcue loads (docs/models.md): config.json
// with id2label, the tokenizer files (text) or preprocessor_config.json (audio), onnx/model.onnx,
// and callcue.json mapping the model's labels. The weights are random: these directories exercise
// loading, tokenisation, label mapping, batching and reload for real, and measure cost.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSpeechEncoder, type SpeechEncoderShape } from './speech-encoder.js';
import { buildTextEncoder, type TextEncoderShape } from './text-encoder.js';
import { bertTokenizerFiles, bertVocabulary } from './tokenizer-json.js';

export interface ModelDirOptions {
  /** The model's own labels, in output order. */
  labels: readonly string[];
  /** callcue.json: model label → callcue label; omitted entries are left unmapped (an error callcue must catch). */
  mapping: Record<string, string>;
  languages: readonly string[];
  /** onnx/model.onnx (default) or onnx/model_quantized.onnx. */
  onnxFile?: 'model.onnx' | 'model_quantized.onnx';
  seed?: number;
}

export interface WrittenModel {
  dir: string;
  parameters: number;
  onnxBytes: number;
}

const json = (file: string, value: unknown) => writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);

function writeCommon(dir: string, opts: ModelDirOptions, config: object, bytes: Uint8Array): void {
  mkdirSync(join(dir, 'onnx'), { recursive: true });
  json(join(dir, 'config.json'), {
    ...config,
    id2label: Object.fromEntries(opts.labels.map((l, i) => [String(i), l])),
    label2id: Object.fromEntries(opts.labels.map((l, i) => [l, i])),
  });
  json(join(dir, 'callcue.json'), { labels: opts.mapping, languages: opts.languages });
  writeFileSync(join(dir, 'onnx', opts.onnxFile ?? 'model.onnx'), bytes);
}

export function writeTextModelDir(dir: string, shape: Omit<TextEncoderShape, 'vocabSize' | 'labels'> & { vocabSize?: number; words?: readonly string[] }, opts: ModelDirOptions): WrittenModel {
  const vocab = bertVocabulary(shape.words ?? [], shape.vocabSize ?? 2000);
  const built = buildTextEncoder({ ...shape, vocabSize: vocab.length, labels: opts.labels.length }, opts.seed);
  writeCommon(
    dir,
    opts,
    {
      architectures: ['BertForSequenceClassification'],
      model_type: 'bert',
      vocab_size: vocab.length,
      hidden_size: shape.hidden,
      num_hidden_layers: shape.layers,
      num_attention_heads: shape.heads,
      intermediate_size: shape.ffn,
      max_position_embeddings: shape.maxPositions,
      type_vocab_size: shape.tokenTypes ? 2 : 1,
    },
    built.bytes,
  );
  const { tokenizer, tokenizerConfig } = bertTokenizerFiles(vocab, shape.maxPositions);
  json(join(dir, 'tokenizer.json'), tokenizer);
  json(join(dir, 'tokenizer_config.json'), tokenizerConfig);
  return { dir, parameters: built.parameters, onnxBytes: built.bytes.length };
}

export function writeVoiceModelDir(dir: string, shape: Omit<SpeechEncoderShape, 'labels'>, opts: ModelDirOptions): WrittenModel {
  const built = buildSpeechEncoder({ ...shape, labels: opts.labels.length }, opts.seed);
  writeCommon(
    dir,
    opts,
    {
      architectures: ['Wav2Vec2ForSequenceClassification'],
      model_type: 'wav2vec2',
      hidden_size: shape.hidden,
      num_hidden_layers: shape.layers,
      num_attention_heads: shape.heads,
      intermediate_size: shape.ffn,
      classifier_proj_size: shape.projector,
    },
    built.bytes,
  );
  json(join(dir, 'preprocessor_config.json'), {
    feature_extractor_type: 'Wav2Vec2FeatureExtractor',
    feature_size: 1,
    sampling_rate: 16000,
    padding_value: 0,
    padding_side: 'right',
    do_normalize: true,
    return_attention_mask: false,
  });
  return { dir, parameters: built.parameters, onnxBytes: built.bytes.length };
}

/** The common sizes the bench measures (docs/models.md). */
export const COMMON_SIZES = {
  /** 6 layers × 384 (MiniLM-L6-class), a 21,128-token Chinese BERT vocabulary. */
  text: { vocabSize: 21_128, layers: 6, hidden: 384, heads: 12, ffn: 1536, maxPositions: 512, tokenTypes: true },
  /** wav2vec2-base / HuBERT-base / WavLM-base shape: 12 layers × 768, ~95M parameters. */
  voice: { convDim: 512, layers: 12, hidden: 768, heads: 12, ffn: 3072, posKernel: 128, posGroups: 16, projector: 256 },
  /** Tiny shapes for tests: the same graphs, a few thousand parameters. */
  tinyText: { vocabSize: 400, layers: 1, hidden: 16, heads: 2, ffn: 32, maxPositions: 64, tokenTypes: true },
  tinyVoice: { convDim: 8, layers: 1, hidden: 16, heads: 2, ffn: 32, posKernel: 4, posGroups: 2, projector: 8 },
} as const;
