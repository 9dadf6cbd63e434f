// Per-agent prompt statistics with the rates a coach reads (manual §6 performance feedback loop):
// how often prompts were used, and how often those rated were rated helpful.

import type { AgentStats, RuleStats } from '../storage/index.js';

export interface Rates {
  /** used / shown, null when nothing was shown. */
  usedRate: number | null;
  dismissedRate: number | null;
  /** helpful / (helpful + not helpful), null when nothing was rated. */
  helpfulRate: number | null;
}

const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 1000) / 1000 : null);

export function ratesOf(s: Omit<RuleStats, 'rule' | 'kind'>): Rates {
  return { usedRate: ratio(s.used, s.shown), dismissedRate: ratio(s.dismissed, s.shown), helpfulRate: ratio(s.helpful, s.helpful + s.notHelpful) };
}

export function withRates(stats: AgentStats) {
  return {
    agentId: stats.agentId,
    calls: stats.calls,
    totals: { ...stats.totals, ...ratesOf(stats.totals) },
    byRule: stats.byRule.map((r) => ({ ...r, ...ratesOf(r) })),
  };
}
