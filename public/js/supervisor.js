// @ts-check
// The supervisor wall: every call the feed shows this supervisor (the server sends a team's calls
// only), most at risk first, with escalation alerts above. An agent's token is refused here in
// plain words. The wall redraws at most four times a second and re-sorts at most every two
// seconds, so rows do not jump about while someone reads them.

/** @typedef {import('./feed-client.js').FeedStatus} FeedStatus */

import { $, setText } from './dom.js';
import { applyStaticStrings, pickUiLang, translator } from './i18n.js';
import { readCredentials, saveCredentials, feedUrl } from './session.js';
import { FeedClient, feedRefuses } from './feed-client.js';
import { CallStore } from './call-store.js';
import { Announcer } from './announcer.js';
import { byRisk } from './risk.js';
import { buildRow, updateRow } from './supervisor-row.js';
import { renderAlerts } from './alerts-view.js';
import { showSignIn } from './signin.js';
import { wireRecordLinks } from './record-link.js';
import { statusText } from './format.js';

const MIN_FRAME_MS = 250;
const RESORT_MS = 2000;
/** How long an ended call stays on the wall, greyed, before it goes. */
const ENDED_KEEP_MS = 15_000;

const creds = readCredentials('supervisor', location, sessionStorage, history);
const store = new CallStore();
const announcer = new Announcer($('#say-polite', HTMLElement), $('#say-urgent', HTMLElement));
const lang = pickUiLang(creds.lang, null, navigator.languages);
const t = translator(lang);
/** @type {FeedStatus} */
let status = { state: 'connecting' };
/** @type {'agent' | 'token' | null} */
let refusal = null;

const el = {
  count: $('#wall-count', HTMLElement),
  conn: $('#conn', HTMLElement),
  refusal: $('#refusal', HTMLElement),
  main: $('#wall-main', HTMLElement),
  rows: $('#wall-rows', HTMLElement),
  empty: $('#wall-empty', HTMLElement),
  alerts: $('#alert-list', HTMLElement),
  signin: $('#signin', HTMLFormElement),
  note: $('#wall-note', HTMLElement),
};
/** @type {Map<string, import('./supervisor-row.js').Row>} */
const rows = new Map();
/** @type {string[]} */
let order = [];
let sortedAtMs = 0;
let lastFrameMs = 0;
let queued = false;
/** @type {Map<string, number>} */
const endedSeenMs = new Map();
let alertsRev = -1;

const client = new FeedClient({
  url: () => feedUrl(creds, location),
  isRefused: feedRefuses,
  onStatus: (s) => {
    status = s;
    if (s.state === 'refused') {
      refusal = 'token';
      showSignIn(el.signin, null, signIn);
    }
    schedule();
  },
  onMessage: (msg) => {
    if (msg.type === 'hello' && msg.role !== 'supervisor') {
      // The server would only ever send this agent's own calls; the wall shows none of them.
      refusal = 'agent';
      client.stop();
      showSignIn(el.signin, null, signIn);
      schedule();
      return;
    }
    const news = store.apply(msg, Date.now());
    for (const a of news.alerts) {
      announcer.say(t('alert.new', { level: t(`alert.${a.level}`), agent: a.agentId, title: a.title }), a.level === 'critical');
    }
    if (news.alerts.length > 0 || msg.type === 'call.started' || msg.type === 'call.state' || msg.type === 'call.ended') sortedAtMs = 0;
    schedule();
  },
});

/** @param {{ token: string | null, agentId: string | null }} values */
function signIn(values) {
  saveCredentials('supervisor', sessionStorage, { token: values.token, agentId: null });
  creds.token = values.token;
  refusal = null;
  client.start();
}

/** At most one frame per MIN_FRAME_MS, always inside requestAnimationFrame. */
function schedule() {
  if (queued) return;
  queued = true;
  const wait = Math.max(0, lastFrameMs + MIN_FRAME_MS - performance.now());
  setTimeout(() => requestAnimationFrame(render), wait);
}

function render() {
  queued = false;
  lastFrameMs = performance.now();
  const now = Date.now();
  const serverNowMs = now + store.clockOffsetMs;
  document.body.dataset.conn = status.state;
  setText(el.conn, statusText(status, t));
  el.refusal.hidden = refusal === null;
  el.main.hidden = refusal !== null;
  if (refusal) {
    setText(el.refusal, t(refusal === 'agent' ? 'wall.refused.agent' : 'wall.refused.token'));
    for (const r of rows.values()) r.tr.remove();
    rows.clear();
    return;
  }
  for (const c of [...store.calls.values()]) {
    if (!c.ended) continue;
    const since = endedSeenMs.get(c.callId) ?? now;
    endedSeenMs.set(c.callId, since);
    if (now - since > ENDED_KEEP_MS) {
      store.forget(c.callId);
      endedSeenMs.delete(c.callId);
      rows.get(c.callId)?.tr.remove();
      rows.delete(c.callId);
      sortedAtMs = 0;
    }
  }
  const ranked = byRisk([...store.calls.values()], t);
  if (now - sortedAtMs >= RESORT_MS) {
    order = ranked.map((r) => r.call.callId);
    sortedAtMs = now;
  }
  const riskOf = new Map(ranked.map((r) => [r.call.callId, r.risk]));
  let rank = 0;
  order.forEach((callId, i) => {
    const call = store.calls.get(callId);
    const risk = riskOf.get(callId);
    if (!call || !risk) return;
    let row = rows.get(callId);
    if (!row) {
      row = buildRow(call);
      rows.set(callId, row);
    }
    // In the document before drawing, so the sparkline canvas has its size.
    const at = el.rows.children[i];
    if (at !== row.tr) el.rows.insertBefore(row.tr, at ?? null);
    updateRow(row, call, risk, ++rank, t, serverNowMs, false);
  });
  const live = ranked.filter((r) => !r.call.ended).length;
  setText(el.count, t('wall.count', { n: live }));
  el.empty.hidden = store.calls.size > 0;
  const alerts = [...store.calls.values()].reduce((n, c) => n + c.rev.alerts + (c.ended ? 1 : 0), 0);
  if (alerts !== alertsRev) {
    renderAlerts(el.alerts, store.calls.values(), t);
    alertsRev = alerts;
  }
}

wireRecordLinks(el.rows, () => creds.token, (text) => {
  el.note.textContent = text;
  el.note.hidden = !text;
}, t);
applyStaticStrings(document, t);
document.documentElement.lang = lang;
document.title = t('app.supervisor');
setInterval(() => {
  store.tick(Date.now());
  schedule();
}, 1000);
window.addEventListener('online', () => client.reconnectNow());
client.start();
schedule();
