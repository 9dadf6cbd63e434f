// Scores for the prosody model: per-class recall and unweighted average recall (UAR) over the
// four product classes, the confusion matrix (non-target emotions as a fifth true row), and the
// false-alarm rate: the share of non-target clips (happy, surprised, disgust) that would raise
// an anger, anxiety or disappointment state. Anger has its own false-alarm rate (the share of
// clips that are not anger labelled anger), the other half of the issue's anger target.

import { EMOTION_LABELS, type EmotionLabel } from '../frames/types.js';
import { TRAINING_CLASSES, type TrainingClass } from './manifest.js';

export interface Evaluation {
  /** Rows: true TRAINING_CLASSES; columns: predicted EMOTION_LABELS. */
  confusion: number[][];
  recall: Record<EmotionLabel, number>;
  uar: number;
  falseAlarmRate: number;
  /** Share of clips of every other true class (non-target included) labelled anger. */
  angerFalseAlarmRate: number;
  /** Clips per true class. */
  support: Record<TrainingClass, number>;
}

export function evaluate(truth: readonly TrainingClass[], predicted: readonly EmotionLabel[]): Evaluation {
  const confusion = TRAINING_CLASSES.map(() => EMOTION_LABELS.map(() => 0));
  truth.forEach((t, i) => confusion[TRAINING_CLASSES.indexOf(t)][EMOTION_LABELS.indexOf(predicted[i])]++);
  const rowSum = (r: number): number => confusion[r].reduce((s, v) => s + v, 0);
  const recall = {} as Record<EmotionLabel, number>;
  const present: number[] = [];
  EMOTION_LABELS.forEach((label, c) => {
    const n = rowSum(TRAINING_CLASSES.indexOf(label));
    recall[label] = n > 0 ? confusion[TRAINING_CLASSES.indexOf(label)][c] / n : Number.NaN;
    if (n > 0) present.push(recall[label]);
  });
  const other = TRAINING_CLASSES.indexOf('other');
  const otherN = rowSum(other);
  const support = {} as Record<TrainingClass, number>;
  TRAINING_CLASSES.forEach((t, r) => (support[t] = rowSum(r)));
  const anger = EMOTION_LABELS.indexOf('anger');
  const notAnger = TRAINING_CLASSES.flatMap((t, r) => (t === 'anger' ? [] : [r]));
  const notAngerN = notAnger.reduce((s, r) => s + rowSum(r), 0);
  return {
    confusion,
    recall,
    uar: present.length > 0 ? present.reduce((s, v) => s + v, 0) / present.length : Number.NaN,
    falseAlarmRate: otherN > 0 ? (otherN - confusion[other][EMOTION_LABELS.indexOf('neutral')]) / otherN : Number.NaN,
    angerFalseAlarmRate: notAngerN > 0 ? notAnger.reduce((s, r) => s + confusion[r][anger], 0) / notAngerN : Number.NaN,
    support,
  };
}

const pct = (v: number): string => (Number.isNaN(v) ? '   –  ' : `${(v * 100).toFixed(1).padStart(5)}%`);

/** A plain-text table: recalls, UAR, false alarms and the confusion matrix. */
export function formatEvaluation(title: string, ev: Evaluation): string {
  const lines = [
    `${title}`,
    `  UAR ${pct(ev.uar)}   false alarms ${pct(ev.falseAlarmRate)}   anger false alarms ${pct(ev.angerFalseAlarmRate)}   ` +
      EMOTION_LABELS.map((l) => `${l} ${pct(ev.recall[l])}`).join('  '),
    `  ${'true \\ predicted'.padEnd(22)}${EMOTION_LABELS.map((l) => l.padStart(15)).join('')}`,
  ];
  TRAINING_CLASSES.forEach((t, r) => {
    const name = t === 'other' ? 'non-target' : t;
    lines.push(`  ${`${name} (${ev.support[t]})`.padEnd(22)}${ev.confusion[r].map((v) => String(v).padStart(15)).join('')}`);
  });
  return lines.join('\n');
}

/** Rounded numbers for the JSON line. */
export function evaluationJson(ev: Evaluation): Record<string, unknown> {
  const r = (v: number): number | null => (Number.isNaN(v) ? null : Math.round(v * 1000) / 1000);
  return {
    uar: r(ev.uar),
    falseAlarmRate: r(ev.falseAlarmRate),
    angerFalseAlarmRate: r(ev.angerFalseAlarmRate),
    recall: Object.fromEntries(EMOTION_LABELS.map((l) => [l, r(ev.recall[l])])),
    confusion: ev.confusion,
    rows: TRAINING_CLASSES,
    columns: EMOTION_LABELS,
  };
}
