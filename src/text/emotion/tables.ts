// Loading the shipped text model: its sidecar, the ONNX weights (W 2^18 × 4, ~4 MB), the idf table
// (~1 MB) and the lexicon's hash table (~2 MB), checked against each other. A pipeline worker pool
// loads the tables once, on SharedArrayBuffers, and every worker builds its model on the same copy
// (src/pipeline/prepare.ts) instead of holding its own ~13 MB of them; the arithmetic reads the same
// numbers either way, so the probabilities are identical.

import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { plainAlloc, type TableAlloc } from './alloc.js';
import { featurizerDimension } from './featurizer-config.js';
import { unpackIdf } from './idf.js';
import { buildLexiconTables, type LexiconTables } from './lexicon.js';
import { LinearTextEmotionModel, type TextEmotionModel } from './model.js';
import { readLinearOnnx, type OnnxLinearWeights } from './onnx-weights.js';
import { sidecarSchema, TEXT_EMOTION_ONNX, TEXT_EMOTION_SIDECAR, type TextEmotionSidecar } from './sidecar.js';

export interface TextModelTables {
  /** The sidecar without the packed lexicon and idf strings (unpacked below): small to copy to a thread. */
  sidecar: TextEmotionSidecar;
  linear: OnnxLinearWeights;
  idf: Float32Array | null;
  lexicon: LexiconTables;
}

/**
 * The tables of the model in modelsDir, or null when its files are not there. alloc: sharedAlloc to
 * share them between threads (a SharedArrayBuffer is posted to a worker without a copy).
 */
export async function loadTextModelTables(modelsDir: string, alloc: TableAlloc = plainAlloc): Promise<TextModelTables | null> {
  const sidecarPath = join(modelsDir, TEXT_EMOTION_SIDECAR);
  if (!existsSync(sidecarPath)) return null;
  const parsed = sidecarSchema.safeParse(JSON.parse(await readFile(sidecarPath, 'utf8')));
  if (!parsed.success) throw new Error(`${sidecarPath} is not a valid text-emotion sidecar: ${parsed.error.message}`);
  const onnxPath = join(modelsDir, parsed.data.onnx.file || TEXT_EMOTION_ONNX);
  if (!existsSync(onnxPath)) return null;
  const bytes = await readFile(onnxPath);
  const digest = createHash('sha256').update(bytes).digest('hex');
  if (digest !== parsed.data.onnx.sha256) throw new Error(`${onnxPath} does not match its sidecar (sha256 ${digest.slice(0, 12)}…): retrain or restore both files`);
  const read = readLinearOnnx(bytes);
  const weights = new Float32Array(alloc(read.weights.byteLength));
  weights.set(read.weights);
  const { idf: packedIdf, ...featurizer } = parsed.data.featurizer;
  const idf = packedIdf !== undefined ? unpackIdf(packedIdf, featurizerDimension(featurizer.config), alloc) : null;
  const lexicon = buildLexiconTables(parsed.data.lexicon, alloc);
  return {
    sidecar: { ...parsed.data, featurizer, lexicon: { ...parsed.data.lexicon, packed: '' } },
    linear: { ...read, weights },
    idf,
    lexicon,
  };
}

/** The model on these tables (the tables are read, never written: threads may share them). */
export function textModelFromTables(tables: TextModelTables): TextEmotionModel {
  return new LinearTextEmotionModel(tables.sidecar, tables.linear, { lexicon: tables.lexicon, idf: tables.idf });
}

/** The model in modelsDir, or null when its files are not there (text emotion then stays off). */
export async function loadTextEmotion(modelsDir: string): Promise<TextEmotionModel | null> {
  const tables = await loadTextModelTables(modelsDir);
  return tables === null ? null : textModelFromTables(tables);
}
