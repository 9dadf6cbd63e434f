// Scores for the four-class task: confusion matrix, per-class F1 and macro-F1 over the rows whose
// gold label maps to one of our classes, plus the false-alarm rate (any non-neutral prediction)
// on rows with non-target emotions, which macro-F1 cannot see.

import { EMOTION_LABELS, type EmotionLabel } from '../../frames/types.js';
import type { Example } from './example.js';

export interface ClassScore {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface DatasetScore {
  name: string;
  /** Rows scored in macro-F1 (gold maps to exactly one of our classes). */
  scored: number;
  macroF1: number;
  accuracy: number;
  perClass: Record<EmotionLabel, ClassScore>;
  /** confusion[gold][predicted], in EMOTION_LABELS order. */
  confusion: number[][];
  /** Non-target rows (benign + other) and the share predicted as anger/anxiety/disappointment. */
  nonTarget: { rows: number; falseAlarmRate: number };
}

export function scoreDataset(name: string, examples: readonly Example[], predict: (e: Example) => EmotionLabel): DatasetScore {
  const n = EMOTION_LABELS.length;
  const confusion = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  let nonTargetRows = 0;
  let falseAlarms = 0;
  for (const example of examples) {
    const predicted = predict(example);
    if (example.kind === 'target' && example.label !== null) {
      confusion[EMOTION_LABELS.indexOf(example.label)][EMOTION_LABELS.indexOf(predicted)] += 1;
    } else {
      nonTargetRows += 1;
      if (predicted !== 'neutral') falseAlarms += 1;
    }
  }
  const perClass = {} as Record<EmotionLabel, ClassScore>;
  let correct = 0;
  let scored = 0;
  EMOTION_LABELS.forEach((label, k) => {
    const tp = confusion[k][k];
    const support = confusion[k].reduce((a, b) => a + b, 0);
    const predicted = confusion.reduce((a, row) => a + row[k], 0);
    const precision = predicted === 0 ? 0 : tp / predicted;
    const recall = support === 0 ? 0 : tp / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    perClass[label] = { precision, recall, f1, support };
    correct += tp;
    scored += support;
  });
  const macroF1 = EMOTION_LABELS.reduce((a, label) => a + perClass[label].f1, 0) / n;
  return {
    name,
    scored,
    macroF1,
    accuracy: scored === 0 ? 0 : correct / scored,
    perClass,
    confusion,
    nonTarget: { rows: nonTargetRows, falseAlarmRate: nonTargetRows === 0 ? 0 : falseAlarms / nonTargetRows },
  };
}

const pad = (s: string, width: number) => s.padEnd(width);
const num = (x: number) => x.toFixed(3);

/** A plain-text report of one dataset's scores. */
export function formatScore(score: DatasetScore): string {
  const lines = [
    `${score.name}: macro-F1 ${num(score.macroF1)}  accuracy ${num(score.accuracy)}  scored rows ${score.scored}` +
      (score.nonTarget.rows > 0 ? `  non-target rows ${score.nonTarget.rows} (false-alarm rate ${num(score.nonTarget.falseAlarmRate)})` : ''),
    `  ${pad('class', 16)}${pad('precision', 11)}${pad('recall', 9)}${pad('F1', 8)}support`,
  ];
  for (const label of EMOTION_LABELS) {
    const c = score.perClass[label];
    lines.push(`  ${pad(label, 16)}${pad(num(c.precision), 11)}${pad(num(c.recall), 9)}${pad(num(c.f1), 8)}${c.support}`);
  }
  lines.push(`  confusion (rows gold, columns predicted): ${EMOTION_LABELS.map((l) => l.slice(0, 7)).join(' / ')}`);
  EMOTION_LABELS.forEach((label, k) => lines.push(`  ${pad(label, 16)}${score.confusion[k].map((v) => String(v).padStart(7)).join('')}`));
  return lines.join('\n');
}
