// Tiny randomly initialised model directories in the real Hugging Face layout, made at test time.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COMMON_SIZES, writeTextModelDir, writeVoiceModelDir, type ModelDirOptions } from '../../src/training/random-models/index.js';

export const MODEL_LABELS = ['angry', 'fearful', 'sad', 'neutral', 'happy'];
export const MODEL_MAPPING = { angry: 'anger', fearful: 'anxiety', sad: 'disappointment', neutral: 'neutral', happy: 'non-target' };
const WORDS = ['i', 'have', 'been', 'waiting', 'for', 'an', 'hour', 'third', 'time', 'calling', 'card', 'hello', '我', '要', '投', '诉', '你', '们'];

export function tempDir(prefix = 'callcue-model-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function textModelDir(dir = join(tempDir(), 'text-model'), opts: Partial<ModelDirOptions> = {}): string {
  writeTextModelDir(dir, { ...COMMON_SIZES.tinyText, words: WORDS }, { labels: MODEL_LABELS, mapping: MODEL_MAPPING, languages: ['en', 'zh'], ...opts });
  return dir;
}

export function voiceModelDir(dir = join(tempDir(), 'voice-model'), opts: Partial<ModelDirOptions> = {}): string {
  writeVoiceModelDir(dir, COMMON_SIZES.tinyVoice, { labels: MODEL_LABELS, mapping: MODEL_MAPPING, languages: ['en', 'zh'], ...opts });
  return dir;
}
