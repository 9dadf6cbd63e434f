// The embedded default store: one SQLite file (better-sqlite3) in WAL mode, so `npm start` needs
// no server and a committed batch survives a crash of the process. The connection lives on a
// worker thread (sqlite-worker.ts); this file composes the statements. One process per file.

import { foldTimeline } from './fold.js';
import { MIGRATIONS, MIGRATIONS_TABLE } from './migrations.js';
import type { CallRecord } from './record.js';
import { SqliteWorker, type Row, type Step } from './sqlite-worker.js';
import type { OwnerLease } from './owner.js';
import { ACK_COLUMNS, encodeLabels, LEASE_SQL, leaseParams, listSql, STATS_CALLS_SQL, STATS_SQL, statsRange, SUMMARY_COLUMNS, toLease, toStats, toSummary } from './sql.js';
import { STALE_AFTER_MS, type AgentStats, type CallPage, type CallQuery, type CallStore, type CallWrite, type Scorecard } from './store.js';

const PRAGMAS = [
  'journal_mode = WAL',
  // In WAL mode NORMAL keeps every committed batch across a process crash; only an OS crash or
  // power loss can take the newest ones, and neither can corrupt the file.
  'synchronous = NORMAL',
  'busy_timeout = 5000',
  // A deleted record (privacy request, retention) is overwritten, not just unlinked.
  'secure_delete = ON',
];

/**
 * A call's status after one of its writes (parameter: 1 when the write carries the call's end).
 * Only the owner writes a call, so a write proves it alive: a call closed out while its owner was
 * cut off from the database (a partition, not a death) is live again.
 */
const STATUS_ON_WRITE = `CASE WHEN ? = 1 THEN 'complete' WHEN status = 'incomplete' THEN 'live' ELSE status END`;

const EXISTS = 'WHERE EXISTS (SELECT 1 FROM calls WHERE call_id = ?)';

/** The statements of one call's write, and which of them delete a superseded row. */
function writeSteps(w: CallWrite, steps: Step[], replacing: number[]): void {
  if (w.start) {
    // A call id seen again starts a new record: the newest call with an id wins.
    steps.push(['DELETE FROM call_events WHERE call_id = ?', [w.callId]], ['DELETE FROM prompts WHERE call_id = ?', [w.callId]]);
    steps.push([
      `INSERT OR REPLACE INTO calls (call_id, agent_id, language, source, tracks, started_at_ms, status, heartbeat_ms, owner_id)
       VALUES (?, ?, ?, ?, ?, ?, 'live', ?, ?)`,
      [w.callId, w.start.agentId, w.start.language, w.start.source, JSON.stringify(w.start.tracks), w.start.startedAtMs, w.totals.heartbeatMs, w.start.ownerId],
    ]);
  }
  const t = w.totals;
  const e = w.end;
  steps.push([
    `UPDATE calls SET heartbeat_ms = ?, emotions = ?, peak_intensity = ?, prompt_count = ?, alert_count = ?,
       violation_count = ?, status = ${STATUS_ON_WRITE},
       ended_at_ms = COALESCE(?, ended_at_ms), end_reason = COALESCE(?, end_reason),
       duration_ms = COALESCE(?, duration_ms), shed_frames = COALESCE(?, shed_frames)
     WHERE call_id = ?`,
    [t.heartbeatMs, encodeLabels(t.emotions), t.peakIntensity, t.prompts, t.alerts, t.violations, e ? 1 : 0,
      e?.endedAtMs ?? null, e?.reason ?? null, e?.durationMs ?? null, e?.shedFrames ?? null, w.callId],
  ]);
  // Rows for a call deleted while it ran (privacy request) find no calls row and are dropped.
  for (const ev of w.events) {
    if (ev.replaces && ev.key !== undefined) {
      replacing.push(steps.length);
      steps.push(['DELETE FROM call_events WHERE call_id = ? AND type = ? AND key = ?', [w.callId, ev.type, ev.key]]);
    }
    steps.push([
      `INSERT INTO call_events (call_id, seq, type, at_ms, key, body) SELECT ?, ?, ?, ?, ?, ? ${EXISTS}`,
      [w.callId, ev.seq, ev.type, ev.atMs, ev.key ?? null, JSON.stringify(ev.body), w.callId],
    ]);
  }
  for (const p of w.prompts) {
    steps.push([
      `INSERT INTO prompts (call_id, prompt_id, agent_id, rule, kind, shown_at_ms) SELECT ?, ?, ?, ?, ?, ? ${EXISTS}
       ON CONFLICT (call_id, prompt_id) DO NOTHING`,
      [w.callId, p.promptId, p.agentId, p.rule, p.kind, p.shownAtMs, w.callId],
    ]);
  }
  for (const a of w.acks) {
    const [set, clear] = ACK_COLUMNS[a.action];
    steps.push([`UPDATE prompts SET ${set} = 1${clear ? `, ${clear} = 0` : ''} WHERE call_id = ? AND prompt_id = ?`, [w.callId, a.promptId]]);
  }
}

export class SqliteCallStore implements CallStore {
  readonly kind = 'sqlite' as const;

  private constructor(
    private readonly db: SqliteWorker,
    private readonly staleAfterMs: number,
  ) {}

  /** `file` is a path or ':memory:'. Applies pending migrations before returning. */
  static async open(file: string, opts: { staleAfterMs?: number; onError?: (err: Error) => void } = {}): Promise<SqliteCallStore> {
    const db = new SqliteWorker(file, PRAGMAS, opts.onError);
    const store = new SqliteCallStore(db, opts.staleAfterMs ?? STALE_AFTER_MS);
    try {
      await db.ready;
      await store.migrate();
    } catch (err) {
      await db.close().catch(() => undefined);
      throw err;
    }
    return store;
  }

  async schemaVersions(): Promise<number[]> {
    const [rows] = await this.db.read([['SELECT version FROM schema_migrations ORDER BY version', []]]);
    return rows!.map((r) => Number(r.version));
  }

  private async migrate(): Promise<void> {
    await this.db.exec(MIGRATIONS_TABLE.sqlite);
    const applied = new Set(await this.schemaVersions());
    for (const m of MIGRATIONS) {
      if (applied.has(m.version)) continue;
      // The version row first: a second process applying the same version fails on it and rolls back.
      const note: Step = ['INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [m.version, m.name, new Date().toISOString()]];
      try {
        await this.db.tx([note, ...m.sqlite.map((sql): Step => [sql, []])], true);
      } catch (err) {
        if (!(await this.schemaVersions()).includes(m.version)) throw err;
      }
    }
  }

  async write(batch: readonly CallWrite[]): Promise<void> {
    if (batch.length === 0) return;
    const steps: Step[] = [];
    const replacing: number[] = [];
    for (const w of batch) writeSteps(w, steps, replacing);
    const changes = await this.db.tx(steps);
    if (replacing.some((i) => changes[i]! > 0)) await this.checkpoint();
  }

  /** After a deletion the write-ahead log still holds the pages as they were: empty it now. */
  private async checkpoint(): Promise<void> {
    await this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  async getCall(callId: string, nowMs = Date.now()): Promise<CallRecord | null> {
    const [calls, events] = await this.db.read([
      [`SELECT ${SUMMARY_COLUMNS}, scorecard FROM calls WHERE call_id = ?`, [callId]],
      ['SELECT seq, type, at_ms, body FROM call_events WHERE call_id = ? ORDER BY id', [callId]],
    ]);
    const row = calls![0];
    if (!row) return null;
    const rows = events!.map((r) => ({ seq: Number(r.seq), type: String(r.type), atMs: Number(r.at_ms), body: JSON.parse(String(r.body)) as Row }));
    return {
      ...toSummary(row, nowMs, this.staleAfterMs),
      ...foldTimeline(rows),
      scorecard: row.scorecard ? (JSON.parse(String(row.scorecard)) as Row) : null,
    };
  }

  async listCalls(query: CallQuery, nowMs = Date.now()): Promise<CallPage> {
    const { sql, params } = listSql(query, nowMs - this.staleAfterMs);
    const [rows] = await this.db.read([[sql, params]]);
    const page = rows!.slice(0, query.limit).map((r) => toSummary(r, nowMs, this.staleAfterMs));
    const last = page[page.length - 1];
    return { calls: page, next: rows!.length > query.limit && last ? { startedAtMs: Date.parse(last.startedAt), callId: last.callId } : null };
  }

  /** Deletes the calls the condition selects, with everything recorded for them. */
  private async erase(where: string, param: unknown): Promise<number> {
    const changes = await this.db.tx([
      [`DELETE FROM call_events WHERE call_id IN (SELECT call_id FROM calls WHERE ${where})`, [param]],
      [`DELETE FROM prompts WHERE call_id IN (SELECT call_id FROM calls WHERE ${where})`, [param]],
      [`DELETE FROM calls WHERE ${where}`, [param]],
    ]);
    const n = changes[2]!;
    if (n > 0) await this.checkpoint();
    return n;
  }

  async deleteCall(callId: string): Promise<boolean> {
    return (await this.erase('call_id = ?', callId)) > 0;
  }

  async purgeStartedBefore(beforeMs: number): Promise<number> {
    return this.erase('started_at_ms < ?', beforeMs);
  }

  async renewLease(lease: OwnerLease): Promise<void> {
    await this.db.tx([[LEASE_SQL.renew, leaseParams(lease)]]);
  }

  async leases(): Promise<OwnerLease[]> {
    const [rows] = await this.db.read([[LEASE_SQL.list, []]]);
    return rows!.map(toLease);
  }

  async releaseOwner(ownerId: string): Promise<number> {
    const [n] = await this.db.tx([[LEASE_SQL.releaseCalls, [ownerId]], [LEASE_SQL.releaseLease, [ownerId]]]);
    return n!;
  }

  async markIncomplete(leaseBeforeMs: number): Promise<number> {
    const [n] = await this.db.tx([[LEASE_SQL.markIncomplete, [leaseBeforeMs, leaseBeforeMs]], [LEASE_SQL.dropExpired, [leaseBeforeMs]]]);
    return n!;
  }

  async setScorecard(callId: string, scorecard: Scorecard): Promise<boolean> {
    const [n] = await this.db.tx([['UPDATE calls SET scorecard = ?, score = ? WHERE call_id = ?', [JSON.stringify(scorecard), scorecard.score, callId]]]);
    return n! > 0;
  }

  async agentStats(agentId: string, range?: { fromMs?: number; toMs?: number }): Promise<AgentStats> {
    const [from, to] = statsRange(range);
    const [rows, calls] = await this.db.read([
      [STATS_SQL, [agentId, from, to]],
      [STATS_CALLS_SQL, [agentId, from, to]],
    ]);
    return toStats(agentId, calls![0]!.n, rows!);
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}
