// @ts-check
// One live call as a row of the supervisor wall: risk with its reasons, who and how long, the
// caller's emotion (words, icon, sparkline), escalation tier, what became of the prompts, alerts.

/** @typedef {import('./types.js').ClientCall} ClientCall */
/** @typedef {(key: string, vars?: Record<string, string | number>) => string} T */

import { h, replaceChildren } from './dom.js';
import { describeEmotion, prosodyArousal } from './emotion-words.js';
import { drawTimeline } from './timeline.js';
import { highestTier } from './risk.js';
import { clockDuration, languageName } from './format.js';

/** The sparkline's span: the last minute, or the call so far from 20 s up. */
const SPARK_WINDOW_MS = 60_000;
const SPARK_MIN_MS = 20_000;

/**
 * Where a row's "call record" link points. The record API (/v1/calls/:id) is another part of
 * callcue; this one function is the hook to change if its address changes.
 * @param {string} callId
 */
export function callRecordHref(callId) {
  return `/v1/calls/${encodeURIComponent(callId)}`;
}

/**
 * @typedef {object} Row
 * @property {HTMLTableRowElement} tr
 * @property {HTMLElement} risk
 * @property {HTMLElement} who
 * @property {HTMLElement} emotion
 * @property {HTMLCanvasElement} spark
 * @property {HTMLElement} tier
 * @property {HTMLElement} prompts
 * @property {HTMLElement} alerts
 * @property {string} emotionKey
 * @property {number} sparkRev
 * @property {string} drawnKey   what the tier, prompt and alert cells were drawn from
 * @property {string} riskKey
 * @property {string} whoKey
 */

/** @param {ClientCall} call @returns {Row} */
export function buildRow(call) {
  const spark = h('canvas', { class: 'spark', 'aria-hidden': 'true' });
  const cells = {
    risk: h('td', { class: 'risk' }),
    who: h('td', { class: 'who' }),
    emotion: h('td', {}),
    tier: h('td', { class: 'tier' }),
    prompts: h('td', {}),
    alerts: h('td', {}),
  };
  const tr = h('tr', { 'data-call-id': call.callId, 'data-agent-id': call.agentId, 'data-testid': 'wall-row' }, Object.values(cells));
  return { tr, ...cells, spark, emotionKey: '', sparkRev: -1, drawnKey: '', riskKey: '', whoKey: '' };
}

/**
 * @param {Row} row @param {ClientCall} call @param {{ score: number, reasons: string[] }} risk
 * @param {number} rank 1-based @param {T} t @param {number} serverNowMs @param {boolean} force redraw all
 */
export function updateRow(row, call, risk, rank, t, serverNowMs, force) {
  row.tr.classList.toggle('ended', call.ended !== null);
  row.tr.classList.toggle('hot', risk.score >= 0.7);
  // Cells are rebuilt only when what they show changed: a busy wall gets hundreds of updates a second.
  const riskKey = `${call.ended ? '-' : rank}|${risk.score}|${risk.reasons.join(' · ')}`;
  if (force || riskKey !== row.riskKey) {
    row.riskKey = riskKey;
    replaceChildren(
      row.risk,
      h('span', { class: 'risk-rank' }, call.ended ? '–' : String(rank)),
      ' ',
      h('meter', { class: 'risk-meter', min: 0, max: 2, low: 0.4, high: 0.7, optimum: 0, value: Math.max(0, risk.score), 'aria-label': t('wall.col.risk') }),
      h('p', { class: 'risk-reasons', 'data-testid': 'risk-reasons' }, risk.reasons.join(' · ')),
    );
  }
  const durationMs = (call.ended ? Date.parse(call.startedAt) + call.ended.durationMs : serverNowMs) - Date.parse(call.startedAt);
  const meta = `${call.callId} · ${languageName(call.language, t)} · ${clockDuration(durationMs)}${call.ended ? ` · ${t('wall.ended')}` : ''}`;
  if (force || meta !== row.whoKey) {
    row.whoKey = meta;
    replaceChildren(
      row.who,
      h('span', { class: 'agent' }, call.agentId),
      h('p', { class: 'meta' }, meta),
      h('a', { href: callRecordHref(call.callId), 'data-hook': 'call-record', 'data-call-id': call.callId, target: '_blank', rel: 'noopener' }, t('wall.record')),
    );
  }
  const d = describeEmotion(call.emotion, t);
  const voice = call.emotion && !call.emotion.label ? t('risk.voice', { v: Math.round(prosodyArousal(call.emotion.prosody) * 100) }) : '';
  const emotionKey = `${d.icon}|${d.label}|${d.detail || voice}`;
  if (force || emotionKey !== row.emotionKey) {
    row.emotionKey = emotionKey;
    replaceChildren(
      row.emotion,
      h(
        'div',
        { class: `emo emotion-${d.icon}` },
        h('img', { src: `/img/emotion-${d.icon}.svg`, alt: '', width: 28, height: 28 }),
        h('div', {}, h('span', { class: 'label' }, d.label), h('p', { class: 'detail' }, d.detail || voice)),
      ),
      row.spark,
    );
  }
  if (force || row.sparkRev !== call.rev.emotion) {
    row.sparkRev = call.rev.emotion;
    drawTimeline(row.spark, call.timeline, SPARK_WINDOW_MS, SPARK_MIN_MS);
  }

  const key = `${call.rev.prompts}|${call.rev.alerts}|${call.ended !== null}`;
  if (!force && row.drawnKey === key) return;
  row.drawnKey = key;

  const tier = highestTier(call);
  replaceChildren(row.tier, tier ? t(`tier.${tier}`) : t('wall.noTier'));

  const views = [...call.prompts.values()];
  const count = (/** @type {(v: import('./types.js').PromptView) => boolean} */ f) => views.filter(f).length;
  replaceChildren(
    row.prompts,
    views.length === 0
      ? h('span', { class: 'muted' }, t('wall.noPrompts'))
      : [
          h(
            'p',
            { 'data-testid': 'prompt-summary' },
            t('wall.prompts', { n: views.length, used: count((v) => v.status === 'used'), dismissed: count((v) => v.status === 'dismissed') }),
          ),
          h('p', { class: 'muted' }, t('wall.ratings', { helpful: count((v) => v.rating === 'helpful'), notHelpful: count((v) => v.rating === 'not_helpful') })),
          h(
            'ul',
            { class: 'prompt-titles' },
            views.slice(-3).map((v) => h('li', {}, v.prompt?.title ?? v.promptId, ' — ', h('span', { class: 'status' }, t(`status.${v.status}`)))),
          ),
        ],
  );

  const critical = call.alerts.filter((a) => a.level === 'critical').length;
  const latest = call.alerts.at(-1);
  replaceChildren(
    row.alerts,
    latest
      ? [
          h('span', { class: critical ? 'alert-count critical' : 'alert-count' }, critical ? `✖ ${critical} ${t('alert.critical')}` : `⚠ ${call.alerts.length} ${t('alert.warning')}`),
          h('p', {}, latest.title),
        ]
      : h('span', { class: 'muted' }, t('wall.noAlerts')),
  );
}
