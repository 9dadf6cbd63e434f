// @ts-check
// The wall's escalation alerts across all visible calls, newest first, each with its level in
// words and a mark (not by colour alone), the agent, the tier and the evidence.

/** @typedef {import('./types.js').ClientCall} ClientCall */
/** @typedef {import('./types.js').AlertEvent} AlertEvent */
/** @typedef {(key: string, vars?: Record<string, string | number>) => string} T */

import { h, replaceChildren } from './dom.js';

const SHOWN = 20;

/** @param {HTMLElement} list @param {Iterable<ClientCall>} calls @param {T} t */
export function renderAlerts(list, calls, t) {
  /** @type {AlertEvent[]} */
  const all = [];
  for (const c of calls) if (!c.ended) all.push(...c.alerts);
  all.sort((a, b) => b.at.localeCompare(a.at));
  if (all.length === 0) {
    replaceChildren(list, h('li', { class: 'muted' }, t('alerts.none')));
    return;
  }
  replaceChildren(
    list,
    all.slice(0, SHOWN).map((a) =>
      h(
        'li',
        { class: `alert-item ${a.level}`, 'data-testid': 'alert' },
        h('strong', {}, `${a.level === 'critical' ? '✖' : '⚠'} ${t(`alert.${a.level}`)}`),
        ` · ${a.agentId} · ${a.callId} · `,
        h('span', { class: 'title' }, a.title),
        a.tier && ` · ${t(`tier.${a.tier}`)}`,
        a.evidence.length > 0 && h('p', { class: 'evidence' }, a.evidence.join(' · ')),
      ),
    ),
  );
}
