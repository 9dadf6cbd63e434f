// How often one final transcript alone starts a caller state at once. Fusion does so when the text
// model is at least the playbook's sureFinalAbove sure of a target emotion (fusion-words.ts),
// whatever the voice says: the path on which a calmly asked "How long does a transfer abroad take?"
// once raised an anxiety prompt. Per threshold: the share of calm rows (gold neutral and positive)
// the model is that sure of some target about — a calm caller's instant false start — and the share
// of target rows it is that sure of their own emotion. Each row is judged with its dialogue context.

import { argmax, TARGETS } from '../../classifiers/fusion-words.js';
import type { TextEmotionModel } from '../../text/emotion/index.js';
import type { Example } from './example.js';
import { isCalmRow } from './metrics.js';

/** The thresholds reported (the playbook's sureFinalAbove among them). */
export const SURE_THRESHOLDS: readonly number[] = [0.8, 0.85, 0.9, 0.95];

export interface SureFinals {
  name: string;
  calmRows: number;
  targetRows: number;
  /** Per SURE_THRESHOLDS: share of calm rows with some target at or above it. */
  calm: number[];
  /** Per SURE_THRESHOLDS: share of target rows with their own emotion on top at or above it. */
  target: number[];
}

export function sureFinals(name: string, examples: readonly Example[], model: TextEmotionModel): SureFinals {
  const calm = SURE_THRESHOLDS.map(() => 0);
  const target = SURE_THRESHOLDS.map(() => 0);
  let calmRows = 0;
  let targetRows = 0;
  for (const e of examples) {
    const isCalm = isCalmRow(e);
    const isTarget = e.kind === 'target' && e.label !== null && e.label !== 'neutral';
    if (!isCalm && !isTarget) continue;
    const { probs } = model.classify(e.text, e.language, e.context);
    const top = argmax(probs, TARGETS);
    if (isCalm) calmRows += 1;
    else targetRows += 1;
    SURE_THRESHOLDS.forEach((t, i) => {
      if (probs[top] < t) return;
      if (isCalm) calm[i] += 1;
      else if (top === e.label) target[i] += 1;
    });
  }
  const share = (n: number, of: number) => (of === 0 ? 0 : n / of);
  return { name, calmRows, targetRows, calm: calm.map((n) => share(n, calmRows)), target: target.map((n) => share(n, targetRows)) };
}

/** Every dev set's rates (sets without calm or target rows are left out). */
export function evaluateSureFinals(model: TextEmotionModel, devSets: Record<string, Example[]>): SureFinals[] {
  return Object.entries(devSets)
    .map(([name, rows]) => sureFinals(name, rows, model))
    .filter((s) => s.calmRows > 0 && s.targetRows > 0);
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

/** A markdown table: one row per set, calm and target shares per threshold. */
export function sureFinalsTable(rates: readonly SureFinals[]): string {
  const head = SURE_THRESHOLDS.map((t) => `calm ≥ ${t} | target ≥ ${t}`).join(' | ');
  const rule = SURE_THRESHOLDS.map(() => '---|---').join('|');
  const rows = rates.map((s) => `| ${s.name} (${s.calmRows} calm, ${s.targetRows} target) | ${SURE_THRESHOLDS.map((_, i) => `${pct(s.calm[i]!)} | ${pct(s.target[i]!)}`).join(' | ')} |`);
  return [`| set | ${head} |`, `|---|${rule}|`, ...rows].join('\n');
}
