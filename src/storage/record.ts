// The call record as the records API returns it: the call's facts and totals (the summary a list
// shows), then its timeline — emotion, transcript, the agent's language, prompts with their
// acknowledgements, checklist, alerts — and the QA scorecard once one is written.

export type CallStatus = 'live' | 'complete' | 'incomplete';

export interface CallSummary {
  callId: string;
  agentId: string;
  language: string;
  /** The bridge protocol that carried the call: native, twilio, audiohook, fork… */
  source: string;
  tracks: string[];
  startedAt: string;
  endedAt: string | null;
  endReason: string | null;
  durationMs: number | null;
  shedFrames: number | null;
  /** complete: call.ended was recorded; incomplete: the node died first; live: still running. */
  status: CallStatus;
  emotions: string[];
  peakIntensity: number | null;
  promptCount: number;
  alertCount: number;
  violationCount: number;
  /** The QA scorecard's overall score, null until one is written. */
  score: number | null;
}

/** The caller's state at one moment, at most about one per second of the call. */
export interface EmotionPoint {
  at: string;
  /** Media time, ms since the call's start. */
  tsMs: number;
  label?: string;
  probs?: Record<string, number>;
  intensity?: number;
  trend?: string;
  sources?: string[];
  speaking: boolean;
  prosody: {
    loudnessDb: number;
    loudnessRelDb: number;
    pitchHz: number;
    pitchRelPct: number;
    speakingRateSylPerS: number;
    voiceActivity: number;
  };
}

export interface TranscriptEntry {
  seq: number;
  at: string;
  track: string;
  text: string;
  startMs: number;
  endMs: number;
  /** Kinds of personal data replaced in the text. */
  redacted: string[];
  corrected?: boolean;
}

export interface LanguageEntry {
  seq: number;
  at: string;
  text: string;
  startMs: number;
  endMs: number;
  findings: Record<string, unknown>[];
}

export interface PromptAck {
  action: string;
  agentId: string;
  at: string;
}

export interface PromptEntry {
  seq: number;
  at: string;
  promptId: string;
  rule: string;
  kind: string;
  [field: string]: unknown;
  acks: PromptAck[];
}

export interface TimelineEntry {
  seq: number;
  at: string;
  type: string;
  [field: string]: unknown;
}

export interface CallRecord extends CallSummary {
  emotion: EmotionPoint[];
  /** Final utterances in order; a corrected final has replaced the one it corrects. */
  transcript: TranscriptEntry[];
  /** The agent's final utterances that the language rules judged, with their findings. */
  agentLanguage: LanguageEntry[];
  prompts: PromptEntry[];
  checklist: TimelineEntry | null;
  alerts: TimelineEntry[];
  /** Events of kinds added after this record format (type x.*). */
  extras: TimelineEntry[];
  scorecard: Record<string, unknown> | null;
}

/** A live call whose node stopped writing reads as incomplete. */
export function deriveStatus(stored: string, heartbeatMs: number, nowMs: number, staleAfterMs: number): CallStatus {
  if (stored === 'live' && heartbeatMs < nowMs - staleAfterMs) return 'incomplete';
  return stored === 'complete' || stored === 'incomplete' ? stored : 'live';
}
