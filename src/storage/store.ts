// The one storage interface for call records (manual §5 complete records, §6 quality inspection).
// The recorder writes through it while calls run; the records API and the QA scorecard read and
// amend through it. SQLite (embedded default) and PostgreSQL (shared deployments) implement it.

import type { OwnerLease } from './owner.js';
import type { CallRecord, CallStatus, CallSummary } from './record.js';

/** A call's fixed facts, written once with its first batch: this creates the call's row. */
export interface CallStartRow {
  agentId: string;
  language: string;
  source: string;
  tracks: string[];
  startedAtMs: number;
  /** The recorder (process) that owns the call's record: only it writes the call, only its end closes it out. */
  ownerId: string;
}

/** One event of the call's record, already redacted and trimmed to what the record keeps. */
export interface EventRow {
  seq: number;
  type: string;
  atMs: number;
  body: Record<string, unknown>;
  /** Names the row for a later replacement: a final utterance's `track:startMs`. */
  key?: string;
  /**
   * This row supersedes the call's earlier rows of the same type and key, which are deleted —
   * not merely hidden: a corrected final exists because its original leaked part of a number.
   */
  replaces?: boolean;
}

/** A prompt shown to the agent, kept apart for per-agent, per-rule statistics (manual §6). */
export interface PromptRow {
  promptId: string;
  agentId: string;
  rule: string;
  kind: string;
  shownAtMs: number;
}

export type AckAction = 'used' | 'dismissed' | 'helpful' | 'not_helpful';

export interface AckRow {
  promptId: string;
  action: AckAction;
}

/** Running totals the list filters on; written whole (not as deltas) so a retried write is harmless. */
export interface CallTotals {
  /** Emotion labels the caller showed, e.g. ['anger', 'neutral']. */
  emotions: string[];
  peakIntensity: number | null;
  prompts: number;
  alerts: number;
  /** The agent's language findings of polarity 'violation'. */
  violations: number;
  /** Wall-clock ms of this write: a live call whose heartbeat goes stale reads as incomplete. */
  heartbeatMs: number;
}

export interface CallEnd {
  endedAtMs: number;
  reason: string;
  durationMs: number;
  shedFrames: number;
}

/** Everything one flush writes for one call. A store applies a whole batch atomically. */
export interface CallWrite {
  callId: string;
  start?: CallStartRow;
  events: EventRow[];
  prompts: PromptRow[];
  acks: AckRow[];
  totals: CallTotals;
  end?: CallEnd;
}

/** What the QA scorecard stores: anything JSON, with the overall score the list filters on. */
/** score is null when the call gave nothing to judge (src/qa/scorecard.ts). */
export type Scorecard = { score: number | null } & Record<string, unknown>;

export interface CallQuery {
  /** Only these agents (a supervisor's team); empty or absent = every agent. */
  agentIds?: readonly string[];
  agentId?: string;
  /** startedAt ≥ fromMs and < toMs, wall-clock ms. */
  fromMs?: number;
  toMs?: number;
  /** The caller showed this emotion label at some point. */
  emotion?: string;
  minScore?: number;
  maxScore?: number;
  status?: CallStatus;
  /** Page size, 1..500. */
  limit: number;
  /** Continue after this call (newest first): from the previous page's nextCursor. */
  after?: { startedAtMs: number; callId: string };
}

export interface CallPage {
  calls: CallSummary[];
  /** Present when more calls match: pass it back as `after`. */
  next: { startedAtMs: number; callId: string } | null;
}

export interface RuleStats {
  rule: string;
  kind: string;
  shown: number;
  used: number;
  dismissed: number;
  helpful: number;
  notHelpful: number;
}

export interface AgentStats {
  agentId: string;
  calls: number;
  totals: Omit<RuleStats, 'rule' | 'kind'>;
  byRule: RuleStats[];
}

export interface CallStore {
  readonly kind: 'sqlite' | 'postgres';
  /** The schema versions applied to this database, oldest first (schema_migrations). */
  schemaVersions(): Promise<number[]>;
  /** Applies every write of the batch in one transaction. Writes for a deleted call are dropped. */
  write(batch: readonly CallWrite[]): Promise<void>;
  /** The whole record, or null. `nowMs` decides whether a live call's heartbeat went stale. */
  getCall(callId: string, nowMs?: number): Promise<CallRecord | null>;
  listCalls(query: CallQuery, nowMs?: number): Promise<CallPage>;
  /** Deletes the call and everything recorded for it; false when there was no such call. */
  deleteCall(callId: string): Promise<boolean>;
  /** Deletes calls that started before beforeMs; returns how many. */
  purgeStartedBefore(beforeMs: number): Promise<number>;
  /** Writes or refreshes a recorder's lease (its heartbeatMs is the renewal time). */
  renewLease(lease: OwnerLease): Promise<void>;
  /** Every lease held now, expired or not. */
  leases(): Promise<OwnerLease[]>;
  /** The owner is gone or stopping: its live calls are marked incomplete and its lease removed; returns how many calls. */
  releaseOwner(ownerId: string): Promise<number>;
  /**
   * Marks incomplete the live calls whose owner's lease was last renewed before leaseBeforeMs (or
   * is missing), and drops such leases; returns how many calls. A call recorded before owners
   * existed goes by its own heartbeat.
   */
  markIncomplete(leaseBeforeMs: number): Promise<number>;
  /** Stores the QA scorecard of a call; false when there is no such call. */
  setScorecard(callId: string, scorecard: Scorecard): Promise<boolean>;
  /** Prompts shown to an agent and what the agent did with them, per rule, in [fromMs, toMs). */
  agentStats(agentId: string, range?: { fromMs?: number; toMs?: number }): Promise<AgentStats>;
  close(): Promise<void>;
}

/** A live call whose heartbeat, or an owner whose lease, is older than this reads as dead. */
export const STALE_AFTER_MS = 30_000;
/** How often the recorder renews its lease, and a live call's heartbeat when nothing else is written. */
export const HEARTBEAT_MS = 5_000;
