// A bank's own labelled utterances for retraining: a UTF-8 TSV file, one utterance per line,
//   label<TAB>language<TAB>text
// label is neutral, anger, anxiety or disappointment; language a BCP-47 tag (zh-CN, zh-HK,
// en-GB…); lines starting with # and a header line starting with "label" are skipped.

import { existsSync, readFileSync } from 'node:fs';
import { EMOTION_LABELS, type EmotionLabel } from '../../frames/types.js';
import type { Example } from './example.js';

export function readCustomExamples(path: string): Example[] {
  if (!existsSync(path)) throw new Error(`custom training file not found: ${path}`);
  const examples: Example[] = [];
  readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .forEach((line, i) => {
      if (line.trim().length === 0 || line.startsWith('#') || (i === 0 && line.startsWith('label'))) return;
      const [label, language, ...rest] = line.split('\t');
      const text = rest.join('\t').trim();
      if (!EMOTION_LABELS.includes(label as EmotionLabel) || language === undefined || text.length === 0) {
        throw new Error(`${path}:${i + 1}: expected "label<TAB>language<TAB>text" with label one of ${EMOTION_LABELS.join(', ')}`);
      }
      examples.push({ text, language, kind: 'target', label: label as EmotionLabel, allRowsLabel: label as EmotionLabel, sourceLabel: label, corpus: 'custom' });
    });
  return examples;
}
