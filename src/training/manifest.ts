// Reads a speech manifest (CSV: path,corpus,speaker,lang,label,intensity,text) and maps corpus
// labels to the product's classes. The same format lets a bank retrain on its own labelled
// calls: one row per clip, the speaker column keeping a caller's clips together.

import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { EmotionLabel } from '../frames/types.js';

export interface ManifestRow {
  /** Absolute path of the audio file. */
  path: string;
  corpus: string;
  speaker: string;
  lang: string;
  /** The corpus's own label. */
  label: string;
  intensity: string;
}

/** Training target: a product class, or a non-target emotion that must not raise alerts. */
export type TrainingClass = EmotionLabel | 'other';
export const TRAINING_CLASSES: readonly TrainingClass[] = ['neutral', 'anger', 'anxiety', 'disappointment', 'other'];

const LABEL_MAP: Record<string, TrainingClass> = {
  neutral: 'neutral',
  calm: 'neutral',
  angry: 'anger',
  anger: 'anger',
  fearful: 'anxiety',
  fear: 'anxiety',
  anxiety: 'anxiety',
  anxious: 'anxiety',
  sad: 'disappointment',
  sadness: 'disappointment',
  disappointment: 'disappointment',
  disappointed: 'disappointment',
  happy: 'other',
  happiness: 'other',
  surprised: 'other',
  surprise: 'other',
  disgust: 'other',
  other: 'other',
};

/** The training class of a corpus label, or undefined for labels we do not know. */
export function mapLabel(label: string): TrainingClass | undefined {
  return LABEL_MAP[label.trim().toLowerCase()];
}

/** Splits one CSV line: a field that starts with a double quote is quoted ("" inside is a quote). */
export function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      out.push(field);
      field = '';
    } else field += ch;
  }
  out.push(field);
  return out;
}

const REQUIRED = ['path', 'corpus', 'speaker', 'label'] as const;

/** Reads the manifest; relative paths resolve against the manifest's folder. */
export function readManifest(manifestPath: string): ManifestRow[] {
  const lines = readFileSync(manifestPath, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length === 0) throw new Error(`manifest ${manifestPath} is empty`);
  const header = splitCsvLine(lines[0]).map((h) => h.trim().toLowerCase());
  for (const column of REQUIRED) {
    if (!header.includes(column)) throw new Error(`manifest ${manifestPath} lacks the "${column}" column`);
  }
  const col = (name: string): number => header.indexOf(name);
  const base = dirname(manifestPath);
  return lines.slice(1).map((line) => {
    // Unquoted free text may hold commas: it is the last column, so fields past the header's
    // width belong to it and are never read here.
    const f = splitCsvLine(line);
    const at = (name: string): string => (col(name) >= 0 ? (f[col(name)] ?? '').trim() : '');
    return {
      path: resolve(base, at('path')),
      corpus: at('corpus'),
      speaker: at('speaker'),
      lang: at('lang'),
      label: at('label'),
      intensity: at('intensity'),
    };
  });
}
