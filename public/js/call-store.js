// @ts-check
// The calls a screen shows, folded from the feed's messages. Pure (no DOM, no timers): the agent
// desktop and the supervisor wall share it, and it runs under Node in the unit tests. The server
// is the authority: a (re)connect's call.state replaces what it covers, and only what the server
// does not keep (the emotion timeline, prompts already used) survives from before the drop.

/** @typedef {import('./types.js').ClientCall} ClientCall */
/** @typedef {import('./types.js').PromptView} PromptView */
/** @typedef {import('./types.js').FeedServerMessage} FeedServerMessage */
/** @typedef {import('./types.js').CallStateMessage} CallStateMessage */
/** @typedef {import('./types.js').EmotionEvent} EmotionEvent */
/** @typedef {import('./types.js').TranscriptEvent} TranscriptEvent */
/** @typedef {import('./types.js').PromptEvent} PromptEvent */
/** @typedef {import('./types.js').AckedEvent} AckedEvent */
/** @typedef {import('./types.js').AckAction} AckAction */

import { prosodyArousal } from './emotion-words.js';
import { promptOrder } from './prompt-order.js';

/** Timeline points kept per call: 30 minutes at four states a second. */
export const TIMELINE_KEEP = 7200;
/** Transcript entries kept per call (the server keeps 200 for a reconnect). */
export const TRANSCRIPT_KEEP = 200;
/** Language events kept per call. */
export const LANGUAGE_KEEP = 50;
/** An acknowledgement the server neither confirmed nor refused by then is taken as delivered. */
export const ACK_SETTLE_MS = 3000;

export class CallStore {
  constructor() {
    /** @type {Map<string, ClientCall>} */
    this.calls = new Map();
    /** @type {{ role: 'agent' | 'supervisor', agentId: string | null } | null} */
    this.identity = null;
    /** Server clock minus this clock, ms: prompt expiry is judged on the server's clock. */
    this.clockOffsetMs = 0;
    /** Calls the current connection's hello announced and whose snapshots are still to come. */
    this.awaitingSnapshots = 0;
    /** @type {Set<string>} */
    this.snapshotted = new Set();
    /** Bumped on any change, so a renderer can skip a frame with nothing new. */
    this.rev = 0;
    /** @type {string | null} the newest call.started seen */
    this.newestCallId = null;
  }

  /**
   * Folds one message in. Returns what a screen may want to announce (new prompts and alerts).
   * @param {FeedServerMessage} msg
   * @param {number} nowMs this clock's Date.now()
   * @returns {{ prompts: PromptEvent[], alerts: import('./types.js').AlertEvent[], error: { code: string, message: string, promptId: string | null } | null }}
   */
  apply(msg, nowMs) {
    /** @type {ReturnType<CallStore['apply']>} */
    const out = { prompts: [], alerts: [], error: null };
    this.rev++;
    if (msg.type === 'hello') {
      this.identity = { role: msg.role, agentId: msg.agentId };
      this.awaitingSnapshots = msg.calls;
      this.snapshotted.clear();
      if (msg.calls === 0) this.finishResync();
      return out;
    }
    if (msg.type === 'error') {
      out.error = { code: msg.code, message: msg.message, promptId: this.failPendingAck(msg.code, msg.message) };
      return out;
    }
    if ('at' in msg && typeof msg.at === 'string') {
      const serverMs = Date.parse(msg.at);
      if (Number.isFinite(serverMs)) this.clockOffsetMs = serverMs - nowMs;
    }
    if (msg.type === 'call.state') {
      out.prompts.push(...this.applySnapshot(msg));
      return out;
    }
    if (msg.type === 'call.started') {
      this.calls.set(msg.callId, newCall(msg));
      this.newestCallId = msg.callId;
      return out;
    }
    const call = this.calls.get(msg.callId);
    if (!call) return out;
    if (msg.seq <= call.lastSeq) return out; // already in a snapshot
    // The server skips superseded emotion states for a backed-up screen: a gap is expected then.
    if (msg.seq > call.lastSeq + 1) call.skippedEvents += msg.seq - call.lastSeq - 1;
    call.lastSeq = msg.seq;
    call.rev.any++;
    switch (msg.type) {
      case 'emotion':
        setEmotion(call, msg);
        break;
      case 'transcript':
        addTranscript(call, msg);
        break;
      case 'language':
        call.wording.push(msg);
        if (call.wording.length > LANGUAGE_KEEP) call.wording.shift();
        call.rev.wording++;
        break;
      case 'prompt': {
        if (!call.prompts.has(msg.promptId)) out.prompts.push(msg);
        call.prompts.set(msg.promptId, { ...emptyView(msg.promptId), ...call.prompts.get(msg.promptId), prompt: msg });
        // A tier going up replaces the card of the tier before (one escalation card, not a stack).
        const replaced = msg.supersedes ? call.prompts.get(msg.supersedes) : undefined;
        if (replaced?.status === 'open') replaced.status = 'superseded';
        call.rev.prompts++;
        break;
      }
      case 'checklist':
        call.checklist = msg;
        call.rev.checklist++;
        break;
      case 'alert':
        call.alerts.push(msg);
        out.alerts.push(msg);
        call.rev.alerts++;
        break;
      case 'acked':
        applyAck(call, msg);
        break;
      case 'call.ended':
        call.ended = { reason: msg.reason, durationMs: msg.durationMs };
        call.rev.prompts++;
        break;
      default:
        break; // x.* events: nothing to draw yet
    }
    return out;
  }

  /**
   * One call's call.state: replaces what the server keeps, keeps the timeline and past prompts.
   * @param {CallStateMessage} s
   * @returns {PromptEvent[]} prompts this screen had not seen
   */
  applySnapshot(s) {
    const had = this.calls.get(s.callId);
    const call = had ?? newCall(s.started);
    if (!had) {
      this.calls.set(s.callId, call);
      if (!this.newestCallId || startedMs(call) >= startedMs(this.calls.get(this.newestCallId))) this.newestCallId = s.callId;
    }
    call.lastSeq = s.seq;
    call.ended = null;
    // A screen that has drawn nothing of this call yet starts its timeline from the server's history.
    if (call.timeline.length === 0 && s.emotionHistory) {
      call.timeline = s.emotionHistory.slice(-TIMELINE_KEEP).map((p) => ({ tsMs: p.tsMs, label: p.label, level: p.intensity }));
    }
    if (s.emotion) setEmotion(call, s.emotion);
    call.transcript = s.transcript.slice(-TRANSCRIPT_KEEP);
    call.wording = s.language.slice(-LANGUAGE_KEEP);
    call.checklist = s.checklist;
    call.alerts = s.alerts.slice();
    /** @type {PromptEvent[]} */
    const fresh = [];
    const live = new Set(s.prompts.map((p) => p.promptId));
    for (const p of s.prompts) {
      if (!call.prompts.has(p.promptId)) fresh.push(p);
      call.prompts.set(p.promptId, { ...emptyView(p.promptId), ...call.prompts.get(p.promptId), prompt: p, status: 'open' });
    }
    // On screen here but not on the server: used, dismissed or expired while the screen was away.
    for (const v of call.prompts.values()) if (v.status === 'open' && !live.has(v.promptId)) v.status = 'expired';
    for (const a of s.acks) applyAck(call, a);
    for (const k of /** @type {(keyof ClientCall['rev'])[]} */ (Object.keys(call.rev))) call.rev[k]++;
    this.snapshotted.add(s.callId);
    if (this.awaitingSnapshots > 0 && --this.awaitingSnapshots === 0) this.finishResync();
    return fresh;
  }

  /** Every snapshot of this connection is in: a live call none covered ended while we were away. */
  finishResync() {
    for (const c of this.calls.values()) {
      if (!c.ended && !this.snapshotted.has(c.callId)) {
        c.ended = { reason: 'gone', durationMs: 0 };
        c.rev.any++;
        c.rev.prompts++;
      }
    }
  }

  /**
   * Records an acknowledgement being sent (the card shows it as pending).
   * @param {string} callId @param {string} promptId @param {AckAction} action @param {number} nowMs
   */
  markPending(callId, promptId, action, nowMs) {
    const v = this.calls.get(callId)?.prompts.get(promptId);
    if (!v) return;
    v.pending = action;
    v.pendingSinceMs = nowMs;
    v.error = null;
    this.touchPrompts(callId);
  }

  /**
   * An acknowledgement that could not be sent or was refused.
   * @param {string} callId @param {string} promptId @param {string} error
   */
  markFailed(callId, promptId, error) {
    const v = this.calls.get(callId)?.prompts.get(promptId);
    if (!v) return;
    v.pending = null;
    v.error = error;
    this.touchPrompts(callId);
  }

  /**
   * The server answers a refused ack with an error naming the prompt; match it to the pending ack
   * (the one whose id the message names, else the oldest) and mark it failed.
   * @param {string} code @param {string} message
   * @returns {string | null} the prompt id it was matched to
   */
  failPendingAck(code, message) {
    /** @type {{ call: ClientCall, v: PromptView }[]} */
    const pending = [];
    for (const call of this.calls.values()) for (const v of call.prompts.values()) if (v.pending) pending.push({ call, v });
    const match = pending.find((p) => message.includes(p.v.promptId)) ?? pending.sort((a, b) => a.v.pendingSinceMs - b.v.pendingSinceMs)[0];
    if (!match) return null;
    match.v.pending = null;
    match.v.error = code;
    this.touchPrompts(match.call.callId);
    return match.v.promptId;
  }

  /**
   * Settles what time decides: prompts past their expiry, acks the server took without a word.
   * @param {number} nowMs
   * @returns {boolean} whether anything changed
   */
  tick(nowMs) {
    const serverNow = new Date(nowMs + this.clockOffsetMs).toISOString();
    let any = false;
    for (const call of this.calls.values()) {
      let changed = false;
      for (const v of call.prompts.values()) {
        if (v.status === 'open' && v.prompt && v.prompt.expiresAt <= serverNow && !v.pending) {
          v.status = 'expired';
          changed = true;
        }
        if (v.pending && nowMs - v.pendingSinceMs >= ACK_SETTLE_MS) {
          settle(v, v.pending);
          changed = true;
        }
      }
      if (changed) {
        call.rev.prompts++;
        call.rev.any++;
        any = true;
      }
    }
    if (any) this.rev++;
    return any;
  }

  /** @param {string} callId */
  touchPrompts(callId) {
    const c = this.calls.get(callId);
    if (c) {
      c.rev.prompts++;
      c.rev.any++;
    }
    this.rev++;
  }

  /**
   * Prompts still on screen for a call: what to say or stop now first (promptOrder), then the most
   * urgent, then the newest. A prompt about how the caller feels shows only while the emotion shown
   * is the state it was raised on: "Caller sounds angry" never stands beside "Calm" or "Unclear".
   * @param {ClientCall} call
   */
  openPrompts(call) {
    return [...call.prompts.values()]
      .filter((v) => v.status === 'open' && v.prompt && agreesWithEmotion(v.prompt, call.emotion))
      .sort((a, b) => promptOrder(/** @type {PromptEvent} */ (a.prompt), /** @type {PromptEvent} */ (b.prompt)));
  }

  /** @param {string} callId */
  forget(callId) {
    this.calls.delete(callId);
    if (this.newestCallId === callId) this.newestCallId = null;
    this.rev++;
  }
}

/** @param {import('./types.js').CallStartedEvent} s @returns {ClientCall} */
function newCall(s) {
  return {
    callId: s.callId,
    agentId: s.agentId,
    language: s.language,
    startedAt: s.startedAt,
    lastSeq: s.seq,
    emotion: null,
    timeline: [],
    transcript: [],
    prompts: new Map(),
    wording: [],
    checklist: null,
    alerts: [],
    ended: null,
    skippedEvents: 0,
    rev: { emotion: 0, transcript: 0, prompts: 0, wording: 0, checklist: 0, alerts: 0, any: 0 },
  };
}

/** @param {ClientCall | undefined} c */
function startedMs(c) {
  return c ? Date.parse(c.startedAt) || 0 : 0;
}

/** @param {string} promptId @returns {PromptView} */
function emptyView(promptId) {
  return { prompt: null, promptId, status: 'open', rating: null, pending: null, pendingSinceMs: 0, error: null };
}

/**
 * Whether a prompt may stand beside the emotion shown: prompts that rest on a state need that state.
 * @param {PromptEvent} p @param {EmotionEvent | null} e
 */
export function agreesWithEmotion(p, e) {
  return !p.state || e?.label === p.state.label;
}

/** @param {ClientCall} call @param {EmotionEvent} e */
function setEmotion(call, e) {
  // Which emotion prompts may show depends on the label shown.
  if (call.emotion?.label !== e.label) call.rev.prompts++;
  call.emotion = e;
  const last = call.timeline.at(-1);
  const point = { tsMs: e.tsMs, label: e.label ?? null, level: e.label ? (e.intensity ?? 0) : prosodyArousal(e.prosody) };
  if (last && last.tsMs >= e.tsMs) call.timeline[call.timeline.length - 1] = point;
  else call.timeline.push(point);
  if (call.timeline.length > TIMELINE_KEEP) call.timeline.splice(0, call.timeline.length - TIMELINE_KEEP);
  call.rev.emotion++;
}

/**
 * A partial replaces the previous partial of its track, a final replaces that partial for good,
 * and a corrected final replaces the final it corrects (same track and start).
 * @param {ClientCall} call @param {TranscriptEvent} t
 */
export function addTranscript(call, t) {
  call.transcript = call.transcript.filter(
    (x) => (x.isFinal || x.track !== t.track) && !(t.corrected && x.isFinal && x.track === t.track && x.startMs === t.startMs),
  );
  call.transcript.push(t);
  if (call.transcript.length > TRANSCRIPT_KEEP) call.transcript.splice(0, call.transcript.length - TRANSCRIPT_KEEP);
  call.rev.transcript++;
}

/** @param {ClientCall} call @param {AckedEvent} a */
function applyAck(call, a) {
  const v = call.prompts.get(a.promptId) ?? emptyView(a.promptId);
  call.prompts.set(a.promptId, v);
  settle(v, a.action);
  if (v.pending === a.action) v.pending = null;
  call.rev.prompts++;
}

/** @param {PromptView} v @param {AckAction} action */
function settle(v, action) {
  if (action === 'used' || action === 'dismissed') v.status = action;
  else v.rating = action;
  if (v.pending === action) v.pending = null;
  v.error = null;
}

