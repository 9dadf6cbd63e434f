// @ts-check
// How much a live call needs a supervisor now, for ordering the wall: the caller's negative
// emotion and its intensity (or the voice's arousal when no model labels it), a rising trend,
// the highest escalation tier any prompt or alert named, and open alerts. Each part comes with a
// reason in words, so the order is never a mystery. Pure.

/** @typedef {import('./types.js').ClientCall} ClientCall */
/** @typedef {import('./types.js').EscalationTier} EscalationTier */
/** @typedef {(key: string, vars?: Record<string, string | number>) => string} T */

import { LABEL_RISK, prosodyArousal } from './emotion-words.js';

export const TIER_RANK = /** @type {const} */ ({ primary: 1, intermediate: 2, advanced: 3 });
const TIER_RISK = { primary: 0.1, intermediate: 0.4, advanced: 0.8 };
/** Measured arousal counts for less than a model's label: it is evidence, not a verdict. */
const AROUSAL_WEIGHT = 0.5;

/**
 * The highest tier any prompt or alert of the call named.
 * @param {ClientCall} call
 * @returns {EscalationTier | null}
 */
export function highestTier(call) {
  /** @type {EscalationTier | null} */
  let best = null;
  const consider = (/** @type {EscalationTier | undefined} */ tier) => {
    if (tier && (!best || TIER_RANK[tier] > TIER_RANK[best])) best = tier;
  };
  for (const v of call.prompts.values()) consider(v.prompt?.tier);
  for (const a of call.alerts) consider(a.tier);
  return best;
}

/**
 * @param {ClientCall} call @param {T} t
 * @returns {{ score: number, reasons: string[] }}
 */
export function riskOf(call, t) {
  if (call.ended) return { score: -1, reasons: [t('wall.ended')] };
  let score = 0;
  /** @type {string[]} */
  const reasons = [];
  const e = call.emotion;
  if (e?.label && LABEL_RISK[e.label]) {
    const intensity = e.intensity ?? 0.5;
    score += LABEL_RISK[e.label] * intensity;
    reasons.push(t('risk.emotion', { label: t(`emotion.${e.label}`), v: intensity.toFixed(2) }));
    if (e.trend === 'rising') {
      score += 0.15;
      reasons.push(t('risk.rising'));
    }
  } else if (e && !e.label) {
    const arousal = prosodyArousal(e.prosody);
    score += AROUSAL_WEIGHT * arousal;
    if (arousal >= 0.05) reasons.push(t('risk.voice', { v: Math.round(arousal * 100) }));
  }
  const tier = highestTier(call);
  if (tier) {
    score += TIER_RISK[tier];
    reasons.push(t('risk.tier', { tier: t(`tier.${tier}`) }));
  }
  const critical = call.alerts.filter((a) => a.level === 'critical').length;
  const warning = call.alerts.length - critical;
  score += 0.6 * Math.min(critical, 2) + 0.25 * Math.min(warning, 2);
  if (call.alerts.length > 0) reasons.push(t('risk.alerts', { n: call.alerts.length }));
  if (reasons.length === 0) reasons.push(t('risk.calm'));
  return { score: Math.round(score * 1000) / 1000, reasons };
}

/**
 * Calls most in need first; ties go to the longer call, then by id, so the order is stable.
 * @param {ClientCall[]} calls @param {T} t
 */
export function byRisk(calls, t) {
  return calls
    .map((call) => ({ call, risk: riskOf(call, t) }))
    .sort((a, b) => b.risk.score - a.risk.score || Date.parse(a.call.startedAt) - Date.parse(b.call.startedAt) || a.call.callId.localeCompare(b.call.callId));
}
