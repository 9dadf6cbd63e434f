// Scores for the four-class task under both protocols: the primary one (the issue's: macro-F1 over
// the rows whose gold label maps to one of our classes) and the all-rows one (non-target emotions
// count as neutral), plus the false-alarm rate on non-target rows, which the primary cannot see.

import { EMOTION_LABELS, type EmotionLabel } from '../../frames/types.js';
import type { Example } from './example.js';

export interface ClassScore {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

/**
 * - target (primary, the protocol): rows whose gold labels map to exactly one of our four
 *   classes; the others are left out (and measured as a false-alarm rate instead);
 * - all-rows: every row, non-target emotions counted as neutral (Example.allRowsLabel).
 */
export type Protocol = 'target' | 'all-rows';

/** A calm row: gold neutral, or a benign (positive) emotion — where an alarm is a calm caller's false alarm. */
export const isCalmRow = (example: Example): boolean => example.kind === 'benign' || (example.kind === 'target' && example.label === 'neutral');

/** The gold class of a row under a protocol, or null when the protocol leaves the row out. */
export function protocolLabel(example: Example, protocol: Protocol): EmotionLabel | null {
  if (protocol === 'all-rows') return example.allRowsLabel;
  return example.kind === 'target' ? example.label : null;
}

export interface FourClassScore {
  /** Rows scored. */
  scored: number;
  macroF1: number;
  accuracy: number;
  perClass: Record<EmotionLabel, ClassScore>;
  /** confusion[gold][predicted], in EMOTION_LABELS order. */
  confusion: number[][];
}

/** Primary (target-row) scores at the top level, the all-rows protocol and false alarms beside them. */
export interface DatasetScore extends FourClassScore {
  name: string;
  /** Every row, non-target → neutral; null when the set has no non-target rows (it equals the primary). */
  allRows: FourClassScore | null;
  /** Non-target rows (benign + other) and the share predicted as anger/anxiety/disappointment. */
  nonTarget: { rows: number; falseAlarmRate: number };
  /**
   * Calm rows — gold neutral and benign (positive: joy, gratitude, relaxed…) — and the share
   * predicted as a target emotion: the alarms a calm caller would see. `benign` alone beside it.
   */
  calm: { rows: number; falseAlarmRate: number; benignRows: number; benignFalseAlarmRate: number };
}

function fourClassScore(confusion: number[][]): FourClassScore {
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
  const macroF1 = EMOTION_LABELS.reduce((a, label) => a + perClass[label].f1, 0) / EMOTION_LABELS.length;
  return { scored, macroF1, accuracy: scored === 0 ? 0 : correct / scored, perClass, confusion };
}

const emptyConfusion = () => EMOTION_LABELS.map(() => new Array<number>(EMOTION_LABELS.length).fill(0));

/**
 * Score one set under both protocols. predictAllRows defaults to predict; the baseline passes a
 * second model trained on all rows, as the all-rows protocol trains it.
 */
export function scoreDataset(
  name: string,
  examples: readonly Example[],
  predict: (e: Example) => EmotionLabel,
  predictAllRows: (e: Example) => EmotionLabel = predict,
): DatasetScore {
  const primary = emptyConfusion();
  const allRows = emptyConfusion();
  let nonTargetRows = 0;
  let falseAlarms = 0;
  let calmRows = 0;
  let calmAlarms = 0;
  let benignRows = 0;
  let benignAlarms = 0;
  for (const example of examples) {
    const predicted = predict(example);
    const predictedAllRows = predictAllRows === predict ? predicted : predictAllRows(example);
    allRows[EMOTION_LABELS.indexOf(example.allRowsLabel)][EMOTION_LABELS.indexOf(predictedAllRows)] += 1;
    const alarm = predicted !== 'neutral' ? 1 : 0;
    if (isCalmRow(example)) {
      calmRows += 1;
      calmAlarms += alarm;
    }
    if (example.kind === 'benign') {
      benignRows += 1;
      benignAlarms += alarm;
    }
    const gold = protocolLabel(example, 'target');
    if (gold !== null) {
      primary[EMOTION_LABELS.indexOf(gold)][EMOTION_LABELS.indexOf(predicted)] += 1;
    } else {
      nonTargetRows += 1;
      if (predicted !== 'neutral') falseAlarms += 1;
    }
  }
  return {
    name,
    ...fourClassScore(primary),
    allRows: nonTargetRows === 0 ? null : fourClassScore(allRows),
    nonTarget: { rows: nonTargetRows, falseAlarmRate: nonTargetRows === 0 ? 0 : falseAlarms / nonTargetRows },
    calm: {
      rows: calmRows,
      falseAlarmRate: calmRows === 0 ? 0 : calmAlarms / calmRows,
      benignRows,
      benignFalseAlarmRate: benignRows === 0 ? 0 : benignAlarms / benignRows,
    },
  };
}

const pad = (s: string, width: number) => s.padEnd(width);
const num = (x: number) => x.toFixed(3);

/** A plain-text report of one dataset's scores. */
export function formatScore(score: DatasetScore): string {
  const lines = [
    `${score.name}: macro-F1 ${num(score.macroF1)}  accuracy ${num(score.accuracy)}  scored rows ${score.scored}` +
      (score.allRows !== null
        ? `  | all rows (non-target → neutral): macro-F1 ${num(score.allRows.macroF1)} over ${score.allRows.scored}` +
          `  | false-alarm rate ${num(score.nonTarget.falseAlarmRate)} on ${score.nonTarget.rows} non-target rows`
        : '') +
      `  | calm (neutral + positive) false alarms ${num(score.calm.falseAlarmRate)} on ${score.calm.rows}` +
      (score.calm.benignRows > 0 ? `, positive only ${num(score.calm.benignFalseAlarmRate)} on ${score.calm.benignRows}` : ''),
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
