// The schema of models/text-emotion.json, the sidecar that travels with text-emotion.onnx: how to
// turn text into the ONNX input (hash width, n-grams, hashed lexicon, call-center patterns) and
// which file it belongs to. Validated once at load so a hand-edited file fails with a clear message.

import { z } from 'zod';
import { EMOTION_LABELS } from '../../frames/types.js';

const label = z.enum(['neutral', 'anger', 'anxiety', 'disappointment']);

export const TEXT_EMOTION_FORMAT = 'callcue-text-emotion/1';
export const TEXT_EMOTION_SIDECAR = 'text-emotion.json';
export const TEXT_EMOTION_ONNX = 'text-emotion.onnx';

export const sidecarSchema = z.object({
  format: z.literal(TEXT_EMOTION_FORMAT),
  version: z.string().min(1),
  labels: z.array(label).refine((l) => l.join(',') === EMOTION_LABELS.join(','), 'labels must be neutral,anger,anxiety,disappointment in that order'),
  onnx: z.object({ file: z.string().min(1), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  featurizer: z.object({
    config: z.object({
      hashBits: z.number().int().min(10).max(24),
      zhCharNgrams: z.tuple([z.number().int().min(1), z.number().int().min(1)]),
      enCharNgrams: z.tuple([z.number().int().min(0), z.number().int().min(0)]),
      perLanguage: z.boolean().optional(),
      languageBlocks: z.boolean().optional(),
      contextScale: z.number().min(0).max(4).optional(),
      zhNegationChars: z.number().int().min(0).max(8).optional(),
    }),
    categoryLabels: z.array(label.nullable()),
    patterns: z.array(
      z.object({
        id: z.string().min(1),
        language: z.enum(['zh', 'en']),
        label,
        pattern: z.string().min(1),
        negatable: z.boolean().optional(),
        strong: z.boolean().optional(),
        names: z.boolean().optional(),
      }),
    ),
    idf: z.string().optional(),
  }),
  lexicon: z.object({
    categories: z.array(z.string()),
    maxZhLength: z.number().int().min(1),
    packed: z.string(),
  }),
});

export type TextEmotionSidecar = z.infer<typeof sidecarSchema>;
