// How soon, and how rightly, one scenario call's emotion reached the agent: the first emotional
// moment of the script, when the feed's state and the empathy prompt followed it, and every alarm
// raised where the caller was calm. Pure: reads a synthesised call and what its feed delivered.
//
// The first emotional moment is the first caller turn acting a target emotion that a listener
// could not miss: its first clearly emotional words (the script's `act.cue`) have been said, or —
// for a strongly acted line — a second of its voice has been heard, whichever is earlier. Turns
// acted more mildly and without a cue are not a moment, and before the first turn acting any
// target emotion the caller is calm: a state or emotion prompt there is a false onset.

import type { EmotionLabel } from '../frames/types.js';
import type { ReceivedMessage, ReplayResult } from '../scenarios/replay.js';
import type { SynthesizedCall } from '../scenarios/synthesize.js';
import { phraseSpokenAtMs } from '../scenarios/timeline.js';

export type TargetEmotion = Exclude<EmotionLabel, 'neutral'>;
const TARGETS: readonly string[] = ['anger', 'anxiety', 'disappointment'];
/** An act this strong is clear from the voice alone… */
export const CLEAR_VOICE_INTENSITY = 0.8;
/** … once this much of it has been heard. */
export const VOICE_HEARD_MS = 1000;
/** Prompts that say how the caller feels. */
const EMOTION_PROMPT = /^(empathy|deescalation)\./;

export interface EmotionalMoment {
  emotion: TargetEmotion;
  atMs: number;
  by: 'words' | 'voice';
  turnId: string | undefined;
  turnStartMs: number;
}

/** A stretch of emotion events with one target label, or an emotion prompt, where none belonged. */
export interface FalseOnset {
  atMs: number;
  what: 'state' | 'prompt';
  /** The label, or the prompt's rule. */
  label: string;
}

export interface CallOnset {
  scenarioId: string;
  language: string;
  calm: boolean;
  moment: EmotionalMoment | null;
  /** Media time of the first emotion event with the expected label (its tsMs: the evidence's media time). */
  stateMs: number | null;
  /** stateMs − the moment. */
  stateDelayMs: number | null;
  /**
   * Media time the bridge had sent when that event arrived, − the moment: what the agent waited
   * in a real-time call. Only meaningful at --speed 1 on a machine that keeps up.
   */
  stateArrivalDelayMs: number | null;
  /** That event's own latencyMs (input arrival to sending, wall clock). */
  stateLatencyMs: number | null;
  /** Which evidence the state rested on when it began. */
  stateSources: string[];
  /** The expected empathy prompt's media time (that of the evidence that raised it), − the moment. */
  promptDelayMs: number | null;
  missed: boolean;
  falseOnsets: FalseOnset[];
  /** Target states of another emotion than the script's, after the calm part. */
  wrongOnsets: FalseOnset[];
  /** Emotion prompts that arrived while the screen's state said something else. */
  disagreements: { atMs: number; rule: string; stateLabel: string }[];
  /** Share of labelled emotion events that said "uncertain". */
  uncertainShare: number;
  /** Every emotion prompt: rule, media time, and the label of the state it carries (if any). */
  prompts: { rule: string; atMs: number; stateLabel: string | null }[];
}

export function firstEmotionalMoment(call: SynthesizedCall): EmotionalMoment | null {
  const turns = call.turns.filter((t) => t.speaker === 'caller').sort((a, b) => a.startMs - b.startMs);
  for (const t of turns) {
    const act = call.scenario.turns[t.index]!.act;
    if (!act || act.emotion === 'neutral') continue;
    const words = act.cue !== undefined ? phraseSpokenAtMs(t.text, act.cue, t.startMs, t.endMs) : Infinity;
    const voice = act.intensity >= CLEAR_VOICE_INTENSITY ? t.startMs + VOICE_HEARD_MS : Infinity;
    if (!Number.isFinite(Math.min(words, voice))) continue;
    return { emotion: act.emotion, atMs: Math.min(words, voice), by: words <= voice ? 'words' : 'voice', turnId: t.id, turnStartMs: t.startMs };
  }
  return null;
}

/** Where the calm part of the call ends: the start of the first caller turn acting a target emotion. */
function calmUntilMs(call: SynthesizedCall): number {
  const acted = call.turns.filter((t) => t.speaker === 'caller' && (call.scenario.turns[t.index]!.act?.emotion ?? 'neutral') !== 'neutral');
  return acted.length === 0 ? Infinity : Math.min(...acted.map((t) => t.startMs));
}

interface StateEvent {
  tsMs: number;
  arrivalMs: number;
  latencyMs: number | null;
  label: string;
  sources: string[];
}

/** Runs of target labels: one entry where a target label begins (after another label or none). */
function episodes(states: readonly StateEvent[]): StateEvent[] {
  const out: StateEvent[] = [];
  let prev = '';
  for (const s of states) {
    if (TARGETS.includes(s.label) && s.label !== prev) out.push(s);
    prev = s.label;
  }
  return out;
}

interface PromptAt {
  rule: string;
  /** Media time of the evidence that raised it. */
  tsMs: number;
  arrivalMs: number;
  /** The state it rests on, for prompts that carry it. */
  stateLabel: string | null;
  sinceMs: number | undefined;
  sources: string[];
}

/**
 * The call's prompts at the media time of the evidence that raised them: their own `tsMs`, or —
 * from a node that does not send one — the emotion state just before them, which the same fused
 * update produced (the pipeline emits the state before the prompt it leads to).
 */
function promptsOnMediaTime(ofCall: readonly ReceivedMessage[]): PromptAt[] {
  const out: PromptAt[] = [];
  let stateTsMs = 0;
  let sources: string[] = [];
  for (const { mediaMs, message } of ofCall) {
    if (message.type === 'emotion' && typeof message.tsMs === 'number') {
      stateTsMs = message.tsMs;
      sources = (message.sources as string[] | undefined) ?? [];
    }
    if (message.type !== 'prompt' || typeof message.rule !== 'string') continue;
    const state = message.state as { label?: unknown; sinceMs?: unknown } | undefined;
    out.push({
      rule: message.rule,
      tsMs: typeof message.tsMs === 'number' ? message.tsMs : stateTsMs,
      arrivalMs: mediaMs,
      stateLabel: typeof state?.label === 'string' ? state.label : null,
      sinceMs: typeof state?.sinceMs === 'number' ? state.sinceMs : undefined,
      sources,
    });
  }
  return out;
}

export function measureOnset(call: SynthesizedCall, result: ReplayResult): CallOnset {
  const ofCall = result.received.filter((r) => r.message.callId === result.callId);
  const states: StateEvent[] = ofCall
    .filter((r) => r.message.type === 'emotion' && typeof r.message.label === 'string')
    .map((r) => ({
      tsMs: r.message.tsMs as number,
      arrivalMs: r.mediaMs,
      latencyMs: typeof r.message.latencyMs === 'number' ? r.message.latencyMs : null,
      label: r.message.label as string,
      sources: (r.message.sources as string[] | undefined) ?? [],
    }));
  const moment = firstEmotionalMoment(call);
  const calmEndMs = calmUntilMs(call);
  const calm = calmEndMs === Infinity;

  const promptRule = moment ? `empathy.onset.${moment.emotion}` : null;
  const prompts = promptsOnMediaTime(ofCall);
  const prompt = promptRule ? prompts.find((p) => p.rule === promptRule) : undefined;
  const firstEvent = moment ? states.find((s) => s.label === moment.emotion && s.tsMs >= calmEndMs) : undefined;
  // The onset prompt names when its state began: exact even where a backed-up feed skipped states.
  const fromPrompt: StateEvent | undefined =
    moment && prompt?.sinceMs !== undefined && prompt.sinceMs >= calmEndMs
      ? { tsMs: prompt.sinceMs, arrivalMs: prompt.arrivalMs, latencyMs: null, label: moment.emotion, sources: prompt.sources }
      : undefined;
  const first = [firstEvent, fromPrompt].filter((e): e is StateEvent => e !== undefined).sort((a, b) => a.tsMs - b.tsMs)[0];

  const falseOnsets: FalseOnset[] = [];
  const wrongOnsets: FalseOnset[] = [];
  for (const e of episodes(states)) {
    if (e.tsMs < calmEndMs) falseOnsets.push({ atMs: e.tsMs, what: 'state', label: e.label });
    else if (moment && e.label !== moment.emotion) wrongOnsets.push({ atMs: e.tsMs, what: 'state', label: e.label });
  }
  const emotionPrompts = prompts.filter((p) => EMOTION_PROMPT.test(p.rule));
  for (const p of emotionPrompts) {
    if (p.tsMs < calmEndMs) falseOnsets.push({ atMs: p.tsMs, what: 'prompt', label: p.rule });
    else if (moment && p.rule.startsWith('empathy.onset.') && p.rule !== promptRule) wrongOnsets.push({ atMs: p.tsMs, what: 'prompt', label: p.rule });
  }

  return {
    scenarioId: call.scenario.id,
    language: call.scenario.language,
    calm,
    moment,
    stateMs: first?.tsMs ?? null,
    stateDelayMs: first && moment ? first.tsMs - moment.atMs : null,
    stateArrivalDelayMs: first && moment ? first.arrivalMs - moment.atMs : null,
    stateLatencyMs: first?.latencyMs ?? null,
    stateSources: first?.sources ?? [],
    promptDelayMs: prompt && moment ? prompt.tsMs - moment.atMs : null,
    missed: moment !== null && first === undefined,
    falseOnsets,
    wrongOnsets,
    disagreements: disagreements(ofCall),
    uncertainShare: states.length === 0 ? 0 : states.filter((s) => s.label === 'uncertain').length / states.length,
    prompts: emotionPrompts.map((p) => ({ rule: p.rule, atMs: p.tsMs, stateLabel: p.stateLabel })),
  };
}

/**
 * Emotion prompts whose emotion is not the state the screen showed when they arrived: an onset
 * prompt for anger beside a state reading neutral or uncertain, or the reverse order of arrival.
 */
function disagreements(ofCall: readonly ReceivedMessage[]): CallOnset['disagreements'] {
  const out: CallOnset['disagreements'] = [];
  let shown = '';
  for (const { mediaMs, message } of ofCall) {
    if (message.type === 'emotion' && typeof message.label === 'string') shown = message.label;
    if (message.type !== 'prompt' || typeof message.rule !== 'string') continue;
    const rule = message.rule;
    const emotion = rule.startsWith('empathy.onset.') ? rule.slice('empathy.onset.'.length) : rule === 'deescalation.anger.persisting' ? 'anger' : null;
    if (emotion !== null && emotion !== shown) out.push({ atMs: mediaMs, rule, stateLabel: shown || 'none' });
  }
  return out;
}
