// @ts-check
// The order of an agent's prompt cards (used by the store for both screens): what to say or stop
// now first, so with an angry caller the line to say is the top card, shown in full.

/** @typedef {import('./types.js').PromptEvent} PromptEvent */

/**
 * The order of an agent's cards. First the words for this moment — empathy and de-escalation lines,
 * and an urgent compliance stop (manual §3: feelings before facts; §5) — so the line to say is the
 * top card, shown in full; then escalation and the rest; within each, most urgent, then newest.
 * @param {PromptEvent} a @param {PromptEvent} b
 */
export function promptOrder(a, b) {
  return sayNow(b) - sayNow(a) || a.priority - b.priority || b.seq - a.seq;
}

/** @param {PromptEvent} p */
function sayNow(p) {
  return p.kind === 'empathy' || p.kind === 'deescalation' || (p.kind === 'compliance' && p.priority <= 1) ? 1 : 0;
}
