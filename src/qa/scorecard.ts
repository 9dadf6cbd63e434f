// The QA scorecard (manual §6 錄音抽檢評分維度): every call scored on the same criteria, each score
// with the timestamps and words that justify it, so a reviewer can check it line by line against
// the recording. Weights and thresholds come from the playbook, so a bank sets its own.

export type CriterionId = 'voice' | 'politeness' | 'wording' | 'flow' | 'empathy' | 'verification' | 'escalation';

export interface Evidence {
  /** Media time in the call, ms. */
  atMs: number;
  text: string;
}

export interface Criterion {
  id: CriterionId;
  /** The manual section the criterion comes from. */
  section: string;
  /** 0..1, or null when the call gave nothing to judge (no emotion to answer, no account details). */
  score: number | null;
  weight: number;
  /** One line on how the score was reached. */
  summary: string;
  evidence: Evidence[];
}

export interface Scorecard {
  version: 1;
  playbookVersion: string;
  /** 0..100: the weighted mean of the criteria that apply, capped by any critical breach. */
  score: number;
  criteria: Criterion[];
  /** Breaches that cap the score whatever else went well (asking for a full PIN). */
  critical: Evidence[];
  [key: string]: unknown;
}

export function overallScore(criteria: readonly Criterion[], critical: readonly Evidence[], criticalCap: number): number {
  let sum = 0;
  let weights = 0;
  for (const c of criteria) {
    if (c.score === null || c.weight <= 0) continue;
    sum += c.score * c.weight;
    weights += c.weight;
  }
  const score = weights > 0 ? (sum / weights) * 100 : 100;
  return Math.round(critical.length > 0 ? Math.min(score, criticalCap) : score);
}
