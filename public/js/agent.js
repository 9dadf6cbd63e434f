// @ts-check
// The agent desktop: one call at a time (the newest, or ?callId=), drawn from the feed. Messages
// update the store immediately; drawing happens once per animation frame and only for the parts
// whose revision changed, so a burst of emotion states costs one redraw.

/** @typedef {import('./types.js').ClientCall} ClientCall */
/** @typedef {import('./types.js').AckAction} AckAction */
/** @typedef {import('./feed-client.js').FeedStatus} FeedStatus */

import { $, setText } from './dom.js';
import { applyStaticStrings, pickUiLang, translator } from './i18n.js';
import { readCredentials, saveCredentials, feedUrl } from './session.js';
import { FeedClient, feedRefuses } from './feed-client.js';
import { CallStore } from './call-store.js';
import { frameScheduler } from './scheduler.js';
import { Announcer } from './announcer.js';
import { renderEmotionNow } from './emotion-view.js';
import { TIMELINE_WINDOW_MS, drawTimeline, spanOf, timelineSummary } from './timeline.js';
import { ACK_KEYS, PromptCards, clearCards } from './prompt-cards.js';
import { renderChecklist } from './checklist-view.js';
import { renderLanguage } from './language-view.js';
import { renderTranscript } from './transcript-view.js';
import { showSignIn } from './signin.js';
import { clockDuration, endReason, statusText } from './format.js';

const creds = readCredentials('agent', location, sessionStorage, history);
const store = new CallStore();
const announcer = new Announcer($('#say-polite', HTMLElement), $('#say-urgent', HTMLElement));
/** @type {FeedStatus} */
let status = { state: 'connecting' };
let uiLang = pickUiLang(creds.lang, null, navigator.languages);
let t = translator(uiLang);
/** @type {string | null} */
let shownCallId = null;
/** Revisions last drawn, per part; reset to redraw everything. */
let drawn = { call: /** @type {string | null} */ (null), emotion: -1, transcript: -1, prompts: -1, wording: -1, checklist: -1, lang: '' };

const el = {
  callInfo: $('#call-info', HTMLElement),
  conn: $('#conn', HTMLElement),
  banner: $('#call-banner', HTMLElement),
  emotion: $('#emotion-now', HTMLElement),
  timeline: $('#timeline', HTMLCanvasElement),
  timelineSummary: $('#timeline-summary', HTMLElement),
  checklist: $('#checklist-body', HTMLElement),
  language: $('#language-body', HTMLElement),
  transcript: $('#transcript-list', HTMLElement),
  signin: $('#signin', HTMLFormElement),
};
const cards = new PromptCards($('#prompt-list', HTMLElement), { t, onAck: acknowledge, empty: $('#prompts-empty', HTMLElement), heading: $('#prompts-h', HTMLElement) });
const schedule = frameScheduler(render);

const client = new FeedClient({
  url: () => feedUrl(creds, location),
  isRefused: feedRefuses,
  onStatus: (s) => {
    status = s;
    if (s.state === 'refused') {
      showSignIn(el.signin, t('conn.refused'), signIn);
    }
    schedule();
  },
  onMessage: (msg) => {
    const news = store.apply(msg, Date.now());
    const call = currentCall();
    for (const p of news.prompts) {
      if (p.callId === call?.callId) announcer.say(t('prompts.new', { title: p.title }), p.priority <= 1);
    }
    schedule();
  },
});

/** @param {{ token: string | null, agentId: string | null }} values */
function signIn(values) {
  saveCredentials('agent', sessionStorage, values);
  creds.token = values.token;
  creds.agentId = values.agentId;
  client.start();
}

/** The call this screen shows: ?callId=, else the newest live one, else the last one shown. */
function currentCall() {
  if (creds.callId) return store.calls.get(creds.callId) ?? null;
  const newest = store.newestCallId ? store.calls.get(store.newestCallId) : undefined;
  const shown = shownCallId ? store.calls.get(shownCallId) : undefined;
  if (newest && (!newest.ended || !shown)) return newest;
  return shown ?? newest ?? null;
}

/** @param {string} promptId @param {AckAction} action */
function acknowledge(promptId, action) {
  const call = currentCall();
  if (!call) return;
  store.markPending(call.callId, promptId, action, Date.now());
  if (!client.send({ type: 'ack', callId: call.callId, promptId, action })) store.markFailed(call.callId, promptId, 'OFFLINE');
  schedule();
}

function render() {
  const call = currentCall();
  if (call?.callId !== shownCallId) switchTo(call);
  const lang = pickUiLang(creds.lang, call?.language, navigator.languages);
  if (lang !== uiLang) setLanguage(lang);
  if (drawn.lang !== uiLang) {
    applyStaticStrings(document, t);
    document.documentElement.lang = uiLang;
    document.title = t('app.agent');
    drawn = { ...drawn, emotion: -1, transcript: -1, prompts: -1, wording: -1, checklist: -1, lang: uiLang };
  }
  document.body.dataset.conn = status.state;
  setText(el.conn, statusText(status, t));
  const serverNowMs = Date.now() + store.clockOffsetMs;
  if (!call) {
    setText(el.callInfo, t('call.none'));
    el.banner.hidden = true;
  } else {
    setText(el.callInfo, t('call.info', { id: call.callId, duration: clockDuration((call.ended ? Date.parse(call.startedAt) + call.ended.durationMs : serverNowMs) - Date.parse(call.startedAt)) }));
    const banner = call.ended
      ? t(call.ended.reason === 'gone' ? 'call.gone' : 'call.ended', { reason: endReason(call.ended.reason, t) })
      : store.identity?.role === 'supervisor'
        ? t('call.viewing', { agent: call.agentId })
        : '';
    setText(el.banner, banner);
    el.banner.hidden = !banner;
  }
  if (drawn.emotion !== (call?.rev.emotion ?? 0)) {
    renderEmotionNow(el.emotion, call?.emotion ?? null, t);
    drawTimeline(el.timeline, call?.timeline ?? []);
    setText(el.timelineSummary, timelineSummary(call?.timeline ?? [], t));
    el.timeline.setAttribute('aria-label', t('timeline.label', { s: Math.round(spanOf(call?.timeline ?? [], TIMELINE_WINDOW_MS).windowMs / 1000) }));
    drawn.emotion = call?.rev.emotion ?? 0;
  }
  // Prompts redraw every frame they are asked to: their countdowns and pending states move with time.
  cards.render(call ? store.openPrompts(call) : [], serverNowMs);
  if (drawn.checklist !== (call?.rev.checklist ?? 0)) {
    renderChecklist(el.checklist, call?.checklist ?? null, t);
    drawn.checklist = call?.rev.checklist ?? 0;
  }
  if (drawn.wording !== (call?.rev.wording ?? 0)) {
    renderLanguage(el.language, call?.wording ?? [], t);
    drawn.wording = call?.rev.wording ?? 0;
  }
  if (drawn.transcript !== (call?.rev.transcript ?? 0)) {
    renderTranscript(el.transcript, call?.transcript ?? [], t, store.identity?.role !== 'supervisor');
    drawn.transcript = call?.rev.transcript ?? 0;
  }
}

/** @param {ClientCall | null} call */
function switchTo(call) {
  // Ended calls other than the one now shown are of no further use to this screen.
  for (const c of [...store.calls.values()]) if (c.ended && c.callId !== call?.callId) store.forget(c.callId);
  shownCallId = call?.callId ?? null;
  clearCards(cards);
  drawn = { ...drawn, call: shownCallId, emotion: -1, transcript: -1, prompts: -1, wording: -1, checklist: -1 };
}

/** @param {import('./i18n.js').UiLang} lang */
function setLanguage(lang) {
  uiLang = lang;
  t = translator(lang);
  cards.setTranslator(t);
}

document.addEventListener('keydown', (ev) => {
  if (ev.defaultPrevented || ev.isComposing || ev.ctrlKey || ev.metaKey || ev.altKey) return;
  const target = /** @type {HTMLElement | null} */ (ev.target instanceof HTMLElement ? ev.target : null);
  if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return;
  const action = ACK_KEYS[/** @type {keyof typeof ACK_KEYS} */ (ev.key.toLowerCase())];
  if (action && cards.keyAction(action)) ev.preventDefault();
});

// Time moves countdowns, durations and expiries even when the feed is quiet.
setInterval(() => {
  store.tick(Date.now());
  schedule();
}, 1000);
window.addEventListener('online', () => client.reconnectNow());
window.addEventListener('resize', () => {
  drawn.emotion = -1;
  schedule();
});

if (!creds.token && !creds.agentId && !creds.callId) {
  status = { state: 'stopped' };
  showSignIn(el.signin, null, signIn);
} else client.start();
schedule();
