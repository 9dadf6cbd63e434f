// The live state of one call as a feed needs it to redraw from nothing: folded from the call's
// events by a pure reducer, so every node that sees the events can hold the same state.

import type { AckedEvent, AlertEvent, CallStartedEvent, ChecklistEvent, EmotionEvent, GenericCallEvent, LanguageEvent, PromptEvent, TranscriptEvent } from '../protocol/feed.js';
import type { InternalEvent, Without } from '../frames/events.js';

type Stored<E> = Without<E, 'latencyMs'> & { arrivalMs: number };

export interface CallState {
  callId: string;
  agentId: string;
  lastSeq: number;
  started: Stored<CallStartedEvent>;
  emotion: Stored<EmotionEvent> | null;
  /** The caller's state over the call, one point a second (the last HISTORY_POINTS), for timelines. */
  emotionHistory: EmotionPoint[];
  /** Finals in order, then at most one partial per track (the newest). */
  transcript: Stored<TranscriptEvent>[];
  /** Prompts still on screen (not expired, not dismissed). */
  prompts: Stored<PromptEvent>[];
  /** Every prompt this call has shown, for validating acknowledgements. */
  promptIds: string[];
  acks: Stored<AckedEvent>[];
  language: Stored<LanguageEvent>[];
  checklist: Stored<ChecklistEvent> | null;
  alerts: Stored<AlertEvent>[];
  /** The newest event of each other kind (checklist, alert…). */
  extras: Stored<GenericCallEvent>[];
}

/** Most transcript entries a reconnecting screen gets: enough to read back, bounded in memory. */
const TRANSCRIPT_KEEP = 200;
/** Emotion timeline kept for a reconnecting screen: 10 minutes at one point a second. */
const HISTORY_POINTS = 600;
const HISTORY_STEP_MS = 1000;

export interface EmotionPoint {
  tsMs: number;
  label: string | null;
  intensity: number;
}

export function applyEvent(state: CallState | undefined, ev: InternalEvent): CallState | undefined {
  if (ev.type === 'call.started') {
    return {
      callId: ev.callId,
      agentId: ev.agentId,
      lastSeq: ev.seq,
      started: ev as Stored<CallStartedEvent>,
      emotion: null,
      emotionHistory: [],
      transcript: [],
      prompts: [],
      promptIds: [],
      acks: [],
      language: [],
      checklist: null,
      alerts: [],
      extras: [],
    };
  }
  if (!state) return undefined;
  if (ev.type === 'call.ended') return undefined;
  state.lastSeq = ev.seq;
  switch (ev.type) {
    case 'emotion': {
      const e = ev as Stored<EmotionEvent>;
      state.emotion = e;
      const last = state.emotionHistory.at(-1);
      if (!last || e.tsMs - last.tsMs >= HISTORY_STEP_MS) {
        state.emotionHistory.push({ tsMs: e.tsMs, label: e.label ?? null, intensity: e.intensity ?? 0 });
        if (state.emotionHistory.length > HISTORY_POINTS) state.emotionHistory.shift();
      }
      break;
    }
    case 'transcript': {
      const t = ev as Stored<TranscriptEvent>;
      // A partial replaces the previous partial of its track; a final replaces it for good; a
      // corrected final replaces the final it corrects.
      state.transcript = state.transcript.filter(
        (x) => (x.isFinal || x.track !== t.track) && !(t.corrected && x.isFinal && x.track === t.track && x.startMs === t.startMs),
      );
      state.transcript.push(t);
      if (state.transcript.length > TRANSCRIPT_KEEP) state.transcript.splice(0, state.transcript.length - TRANSCRIPT_KEEP);
      break;
    }
    case 'language':
      state.language.push(ev as Stored<LanguageEvent>);
      if (state.language.length > TRANSCRIPT_KEEP) state.language.shift();
      break;
    case 'scorecard':
      break;
    case 'checklist':
      state.checklist = ev as Stored<ChecklistEvent>;
      break;
    case 'alert':
      state.alerts.push(ev as Stored<AlertEvent>);
      break;
    case 'prompt': {
      const p = ev as Stored<PromptEvent>;
      // A prompt that replaces another (a tier going up) takes its place among the open ones.
      if (p.supersedes) state.prompts = state.prompts.filter((x) => x.promptId !== p.supersedes);
      state.prompts.push(p);
      state.promptIds.push(p.promptId);
      break;
    }
    case 'acked': {
      const a = ev as Stored<AckedEvent>;
      state.acks.push(a);
      if (a.action === 'dismissed' || a.action === 'used') {
        state.prompts = state.prompts.filter((p) => p.promptId !== a.promptId);
      }
      break;
    }
    default: {
      const g = ev as Stored<GenericCallEvent>;
      state.extras = state.extras.filter((x) => x.type !== g.type);
      state.extras.push(g);
    }
  }
  // Most events find no prompt on screen: no clock string, no new array for them.
  if (state.prompts.length > 0) {
    const nowIso = new Date().toISOString();
    state.prompts = state.prompts.filter((p) => p.expiresAt > nowIso);
  }
  return state;
}
