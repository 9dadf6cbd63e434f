// Scores a loaded text-emotion model on the public dev sets (when the data folder is present) and
// on our hand-written call-center held-out set (always: it lives in the repo).

import type { TextEmotionModel } from '../../text/emotion/index.js';
import { HELD_OUT_CALLCENTER } from './data/heldout-callcenter.js';
import type { Example } from './example.js';
import { scoreDataset, type DatasetScore } from './metrics.js';

export function heldOutExamples(languagePrefix: 'en' | 'zh'): Example[] {
  return HELD_OUT_CALLCENTER.filter((h) => h.language.startsWith(languagePrefix)).map((h) => ({
    text: h.text,
    language: h.language,
    kind: 'target' as const,
    label: h.label,
    allRowsLabel: h.label,
    sourceLabel: h.label,
    corpus: 'heldout',
  }));
}

/** Each row judged with its dialogue context where it has one (CPED), as the live pipeline does. */
export function evaluateModel(model: TextEmotionModel, devSets: Record<string, Example[]>): DatasetScore[] {
  const predict = (e: Example) => model.classify(e.text, e.language, e.context).label;
  const scores = Object.entries(devSets).map(([name, rows]) => scoreDataset(name, rows, predict));
  scores.push(scoreDataset('callcenter-heldout-en', heldOutExamples('en'), predict));
  scores.push(scoreDataset('callcenter-heldout-zh', heldOutExamples('zh'), predict));
  return scores;
}
