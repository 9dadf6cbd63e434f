// The agent feed on GET /v1/feed (docs/protocol.md): what callcue tells an agent's desktop or a
// supervisor wall. Every event carries callId, seq (per call, gap-free) and latencyMs.

import { z } from 'zod';
import type { EmotionLabel, EmotionProbs, ProsodySummary, Track } from '../frames/types.js';
import type { LanguageFinding } from '../text/language/types.js';
import type { Scorecard } from '../qa/scorecard.js';

export interface EventBase {
  callId: string;
  /** Per-call sequence number, from 1, no gaps: a desktop detects loss or reordering with it. */
  seq: number;
  /** Milliseconds from the arrival of the newest input this event reflects to its sending. */
  latencyMs: number;
  /** Wall-clock time the event was produced (ISO 8601). */
  at: string;
}

export interface CallStartedEvent extends EventBase {
  type: 'call.started';
  agentId: string;
  language: string;
  tracks: Track[];
  startedAt: string;
  source: string;
}

export interface EmotionEvent extends EventBase {
  type: 'emotion';
  track: 'caller';
  /** Media time of the newest audio reflected, ms since call start. */
  tsMs: number;
  /** Absent until a trained model produces one: measured prosody is never dressed up as a label. */
  label?: EmotionLabel | 'uncertain';
  /**
   * true, without a label, while an emotion model is loaded but has not judged the caller yet (the
   * caller's baseline is still being learned); absent when no model runs or once there is a label.
   */
  learning?: boolean;
  probs?: EmotionProbs;
  /** 0..1: how strongly the label is expressed. */
  intensity?: number;
  trend?: 'rising' | 'steady' | 'easing';
  /** Which evidence produced the state: 'prosody', 'text', or both. */
  sources?: string[];
  /** The versions of the models behind those sources (the shipped ones', or plugged `<dir>@<sha256>`). */
  models?: { voice?: string; text?: string };
  prosody: ProsodySummary;
  speaking: boolean;
}

export interface TranscriptEvent extends EventBase {
  type: 'transcript';
  track: Track;
  text: string;
  isFinal: boolean;
  startMs: number;
  endMs: number;
  /** Kinds of personal data replaced in the text (card, cn-id, account, cvv, otp, password, phone). */
  redacted: string[];
  /** Re-issues an earlier final with a number completed by the next utterance redacted. */
  corrected?: boolean;
}

export type PromptKind = 'empathy' | 'deescalation' | 'escalation' | 'compliance' | 'language' | 'coaching';
export type EscalationTier = 'primary' | 'intermediate' | 'advanced';

/** Help for the agent, from a playbook rule (which traces to a section of the manual). */
export interface PromptEvent extends EventBase {
  type: 'prompt';
  promptId: string;
  /** The playbook rule id, e.g. "empathy.onset.anger". */
  rule: string;
  kind: PromptKind;
  /** 1 is the most urgent, 5 the least. */
  priority: number;
  title: string;
  /** What the agent could say or do, in the call's language and script. */
  text: string;
  /** The caller's own words, for the agent to reflect back (empathy, manual §3). */
  quote?: string;
  /** What not to say now. */
  avoid?: string[];
  /** Why the prompt was raised: "caller said …", "pitch up 40 % on their baseline", "anger for 20 s". */
  evidence: string[];
  /** The manual section the rule encodes, e.g. "§3". */
  section: string;
  tier?: EscalationTier;
  /** The earlier prompt this one replaces (a complaint's tier going up): screens show this one in its place. */
  supersedes?: string;
  expiresAt: string;
  /** Media time of the signal that raised it (ms since call start): where in the call it belongs. */
  tsMs: number;
  /**
   * On prompts about how the caller feels (empathy, de-escalation): the emotion state they were
   * raised on — the `label` the emotion events show while it lasts. A screen shows such a prompt
   * only while that is the state it shows, so the two never contradict each other.
   */
  state?: PromptState;
}

export interface PromptState {
  label: EmotionLabel;
  intensity: number;
  /** Media time the state began. */
  sinceMs: number;
}

/** The standard response flow (manual §2), ticked live. */
export interface ChecklistEvent extends EventBase {
  type: 'checklist';
  items: { id: 'greeting' | 'confirm' | 'inform' | 'closing'; done: boolean; atMs?: number }[];
}

/** For supervisors: a call that needs a senior person (escalation, compliance). */
export interface AlertEvent extends EventBase {
  type: 'alert';
  agentId: string;
  level: 'warning' | 'critical';
  rule: string;
  title: string;
  tier?: EscalationTier;
  evidence: string[];
  /** Media time of the signal that raised it, ms since call start. */
  tsMs: number;
}

export interface CallEndedEvent extends EventBase {
  type: 'call.ended';
  reason: string;
  durationMs: number;
  shedFrames: number;
}

export interface AckedEvent extends EventBase {
  type: 'acked';
  promptId: string;
  action: AckAction;
  agentId: string;
  /** The playbook rule of the prompt acknowledged. */
  rule: string;
}

/** The agent's language on one final utterance, judged against the manual (§1–3, §5). */
export interface LanguageEvent extends EventBase {
  type: 'language';
  track: 'agent';
  /** The redacted utterance the spans refer to. */
  text: string;
  startMs: number;
  endMs: number;
  findings: LanguageFinding[];
}

/** The call's QA scorecard (manual §6), sent once as the call ends, just before call.ended. */
export interface ScorecardEvent extends EventBase {
  type: 'scorecard';
  scorecard: Scorecard;
}

/** Events later stages add share the base and a type name under x.* until they get their own type. */
export interface GenericCallEvent extends EventBase {
  type: `x.${string}`;
  [extra: string]: unknown;
}

export type CallEvent =
  | CallStartedEvent
  | EmotionEvent
  | TranscriptEvent
  | LanguageEvent
  | PromptEvent
  | ChecklistEvent
  | AlertEvent
  | ScorecardEvent
  | CallEndedEvent
  | AckedEvent
  | GenericCallEvent;

/** Sent once per live call when a feed (re)connects: everything needed to draw the call now. */
export interface CallStateMessage {
  type: 'call.state';
  callId: string;
  seq: number;
  latencyMs: number;
  at: string;
  started: CallStartedEvent;
  emotion: EmotionEvent | null;
  /** The caller's state over the call so far, one point a second. */
  emotionHistory: { tsMs: number; label: string | null; intensity: number }[];
  transcript: TranscriptEvent[];
  prompts: PromptEvent[];
  acks: AckedEvent[];
  /** The agent's language findings so far (newest last, bounded). */
  language: LanguageEvent[];
  checklist: ChecklistEvent | null;
  alerts: AlertEvent[];
  extras: GenericCallEvent[];
}

export type FeedServerMessage =
  | CallEvent
  | CallStateMessage
  | { type: 'hello'; agentId: string | null; role: 'agent' | 'supervisor'; calls: number }
  | { type: 'error'; code: string; message: string; promptId?: string };

export const ACK_ACTIONS = ['used', 'dismissed', 'helpful', 'not_helpful'] as const;
export type AckAction = (typeof ACK_ACTIONS)[number];

export const ackMessageSchema = z
  .object({
    type: z.literal('ack'),
    callId: z.string().min(1).max(128).optional(),
    promptId: z.string().min(1).max(128),
    action: z.enum(ACK_ACTIONS),
  })
  .strict();

export const feedClientMessageSchema = ackMessageSchema;
export type AckMessage = z.infer<typeof ackMessageSchema>;
export type { EmotionLabel, EmotionProbs };
