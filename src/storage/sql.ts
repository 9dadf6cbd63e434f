// SQL both stores share: the list query built from a CallQuery (with `?` placeholders, which the
// PostgreSQL store renumbers), and the mapping from rows to summaries and statistics. PostgreSQL
// returns BIGINT and COUNT as strings, so every number goes through Number().

import type { OwnerLease } from './owner.js';
import { deriveStatus, type CallSummary } from './record.js';
import type { AgentStats, CallQuery, RuleStats } from './store.js';

/** The status a row reads as at `?` (the stale-heartbeat cutoff). */
export const STATUS_EXPR = `CASE WHEN status = 'live' AND heartbeat_ms < ? THEN 'incomplete' ELSE status END`;

/** The statements of owners and their leases (owner.ts), with `?` placeholders. */
export const LEASE_SQL = {
  /**
   * Closes out live calls whose owner is gone: its lease older than the cutoff, or missing (it
   * released it). A call from before owners existed (owner_id NULL) goes by its own heartbeat.
   * Parameters: the cutoff, twice.
   */
  markIncomplete: `UPDATE calls SET status = 'incomplete' WHERE status = 'live' AND (
    (owner_id IS NULL AND heartbeat_ms < ?)
    OR (owner_id IS NOT NULL AND NOT EXISTS (
      SELECT 1 FROM call_owners o WHERE o.owner_id = calls.owner_id AND o.heartbeat_ms >= ?)))`,
  dropExpired: 'DELETE FROM call_owners WHERE heartbeat_ms < ?',
  renew: `INSERT INTO call_owners (owner_id, machine, pid, started_at_ms, heartbeat_ms) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (owner_id) DO UPDATE SET heartbeat_ms = excluded.heartbeat_ms`,
  list: 'SELECT owner_id, machine, pid, started_at_ms, heartbeat_ms FROM call_owners',
  releaseCalls: `UPDATE calls SET status = 'incomplete' WHERE status = 'live' AND owner_id = ?`,
  releaseLease: 'DELETE FROM call_owners WHERE owner_id = ?',
} as const;

export const leaseParams = (l: OwnerLease) => [l.ownerId, l.machine, l.pid, l.startedAtMs, l.heartbeatMs];

export function toLease(r: Record<string, unknown>): OwnerLease {
  return { ownerId: String(r.owner_id), machine: String(r.machine), pid: Number(r.pid), startedAtMs: Number(r.started_at_ms), heartbeatMs: Number(r.heartbeat_ms) };
}

export const SUMMARY_COLUMNS = `call_id, agent_id, language, source, tracks, started_at_ms, ended_at_ms, end_reason,
  duration_ms, shed_frames, status, heartbeat_ms, emotions, peak_intensity, prompt_count, alert_count,
  violation_count, score`;

/** '|anger|neutral|': one LIKE finds a label without a second table. */
export const encodeLabels = (labels: readonly string[]) => (labels.length ? `|${[...labels].sort().join('|')}|` : '');
const decodeLabels = (s: string) => s.split('|').filter(Boolean);

export function listSql(q: CallQuery, staleBeforeMs: number): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, ...values: unknown[]) => {
    where.push(clause);
    params.push(...values);
  };
  if (q.agentIds && q.agentIds.length > 0) add(`agent_id IN (${q.agentIds.map(() => '?').join(', ')})`, ...q.agentIds);
  if (q.agentId !== undefined) add('agent_id = ?', q.agentId);
  if (q.fromMs !== undefined) add('started_at_ms >= ?', q.fromMs);
  if (q.toMs !== undefined) add('started_at_ms < ?', q.toMs);
  if (q.emotion !== undefined) add('emotions LIKE ?', `%|${q.emotion}|%`);
  if (q.minScore !== undefined) add('score >= ?', q.minScore);
  if (q.maxScore !== undefined) add('score <= ?', q.maxScore);
  if (q.status !== undefined) add(`${STATUS_EXPR} = ?`, staleBeforeMs, q.status);
  if (q.after) add('(started_at_ms < ? OR (started_at_ms = ? AND call_id < ?))', q.after.startedAtMs, q.after.startedAtMs, q.after.callId);
  // One row more than the page shows whether there is a next page.
  params.push(q.limit + 1);
  const sql = `SELECT ${SUMMARY_COLUMNS} FROM calls ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY started_at_ms DESC, call_id DESC LIMIT ?`;
  return { sql, params };
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export function toSummary(row: Record<string, unknown>, nowMs: number, staleAfterMs: number): CallSummary {
  const endedAtMs = num(row.ended_at_ms);
  return {
    callId: String(row.call_id),
    agentId: String(row.agent_id),
    language: String(row.language),
    source: String(row.source),
    tracks: JSON.parse(String(row.tracks)) as string[],
    startedAt: new Date(Number(row.started_at_ms)).toISOString(),
    endedAt: endedAtMs === null ? null : new Date(endedAtMs).toISOString(),
    endReason: (row.end_reason as string | null) ?? null,
    durationMs: num(row.duration_ms),
    shedFrames: num(row.shed_frames),
    status: deriveStatus(String(row.status), Number(row.heartbeat_ms), nowMs, staleAfterMs),
    emotions: decodeLabels(String(row.emotions ?? '')),
    peakIntensity: num(row.peak_intensity),
    promptCount: Number(row.prompt_count),
    alertCount: Number(row.alert_count),
    violationCount: Number(row.violation_count),
    score: num(row.score),
  };
}

export const STATS_SQL = `SELECT rule, kind, COUNT(*) AS shown, SUM(used) AS used, SUM(dismissed) AS dismissed,
    SUM(helpful) AS helpful, SUM(not_helpful) AS not_helpful
  FROM prompts WHERE agent_id = ? AND shown_at_ms >= ? AND shown_at_ms < ?
  GROUP BY rule, kind ORDER BY shown DESC, rule`;

export const STATS_CALLS_SQL = `SELECT COUNT(*) AS n FROM calls WHERE agent_id = ? AND started_at_ms >= ? AND started_at_ms < ?`;

/** The [from, to) bounds as parameters: open ends become the widest safe integers. */
export function statsRange(range: { fromMs?: number; toMs?: number } = {}): [number, number] {
  return [range.fromMs ?? 0, range.toMs ?? Number.MAX_SAFE_INTEGER];
}

export function toStats(agentId: string, calls: unknown, rows: Record<string, unknown>[]): AgentStats {
  const byRule: RuleStats[] = rows.map((r) => ({
    rule: String(r.rule),
    kind: String(r.kind),
    shown: Number(r.shown),
    used: Number(r.used ?? 0),
    dismissed: Number(r.dismissed ?? 0),
    helpful: Number(r.helpful ?? 0),
    notHelpful: Number(r.not_helpful ?? 0),
  }));
  const totals = { shown: 0, used: 0, dismissed: 0, helpful: 0, notHelpful: 0 };
  for (const r of byRule) {
    totals.shown += r.shown;
    totals.used += r.used;
    totals.dismissed += r.dismissed;
    totals.helpful += r.helpful;
    totals.notHelpful += r.notHelpful;
  }
  return { agentId, calls: Number(calls), totals, byRule };
}

/** The column an acknowledgement sets, and the one it clears (a rating can change its mind). */
export const ACK_COLUMNS = {
  used: ['used', null],
  dismissed: ['dismissed', null],
  helpful: ['helpful', 'not_helpful'],
  not_helpful: ['not_helpful', 'helpful'],
} as const;
