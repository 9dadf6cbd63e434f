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
  /** 0..1, or null when the call gave nothing to judge (no emotion to answer, no agent words). */
  score: number | null;
  /** Whether the criterion was judged (false: "not scored", and its summary says why). */
  scored: boolean;
  weight: number;
  /** One line on how the score was reached. */
  summary: string;
  evidence: Evidence[];
}

export interface Scorecard {
  version: 1;
  playbookVersion: string;
  /**
   * 0..100: the weighted mean of the criteria that were scored, capped by any critical breach; null
   * when none could be (a silent line, a recording without the agent).
   */
  score: number | null;
  criteria: Criterion[];
  /** Breaches that cap the score whatever else went well (asking for a full PIN). */
  critical: Evidence[];
  /** The criteria not scored: the total rests on the others only. */
  notScored: CriterionId[];
  /** The total in words: "72/100 on 4 of 7 criteria (not scored: empathy, …)" or "not scored: …". */
  summary: string;
  [key: string]: unknown;
}

/** How a criterion with nothing to judge is summarised (its score is null, not zero). */
export const NOT_SCORED = 'not scored';

export function overallScore(criteria: readonly Pick<Criterion, 'score' | 'weight'>[], critical: readonly Evidence[], criticalCap: number): number | null {
  let sum = 0;
  let weights = 0;
  for (const c of criteria) {
    if (c.score === null || c.weight <= 0) continue;
    sum += c.score * c.weight;
    weights += c.weight;
  }
  if (weights === 0) return critical.length > 0 ? criticalCap : null;
  const score = (sum / weights) * 100;
  return Math.round(critical.length > 0 ? Math.min(score, criticalCap) : score);
}

export function finishScorecard(playbookVersion: string, judged: readonly Omit<Criterion, 'scored'>[], critical: Evidence[], criticalCap: number): Scorecard {
  const criteria = judged.map((c) => ({ ...c, scored: c.score !== null && c.weight > 0 }));
  const notScored = criteria.filter((c) => !c.scored).map((c) => c.id);
  const score = overallScore(criteria, critical, criticalCap);
  const scoredCount = criteria.length - notScored.length;
  const breach = critical.length > 0 ? `, capped at ${criticalCap} by a critical breach` : '';
  const summary =
    score === null
      ? `${NOT_SCORED}: nothing in the call could be judged (${criteria.map((c) => c.summary.replace(`${NOT_SCORED}: `, '')).filter((x, i, all) => all.indexOf(x) === i).join('; ')})`
      : `${score}/100 on ${scoredCount} of ${criteria.length} criteria${breach}${notScored.length > 0 ? ` (${NOT_SCORED}: ${notScored.join(', ')})` : ''}`;
  return { version: 1, playbookVersion, score, criteria, critical, notScored, summary };
}
