// The embedded default store: one SQLite file (better-sqlite3) in WAL mode, so `npm start` needs
// no server and a committed batch survives a crash of the process. One writer process per file.

import Database from 'better-sqlite3';
import { foldTimeline } from './fold.js';
import { MIGRATIONS, MIGRATIONS_TABLE } from './migrations.js';
import type { CallRecord } from './record.js';
import {
  ACK_COLUMNS,
  encodeLabels,
  listSql,
  STATS_CALLS_SQL,
  STATS_SQL,
  statsRange,
  SUMMARY_COLUMNS,
  toStats,
  toSummary,
} from './sql.js';
import {
  STALE_AFTER_MS,
  type AgentStats,
  type CallPage,
  type CallQuery,
  type CallStore,
  type CallWrite,
  type EventRow,
  type Scorecard,
} from './store.js';

type Row = Record<string, unknown>;

export class SqliteCallStore implements CallStore {
  readonly kind = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly staleAfterMs: number;
  private readonly writeTx: (batch: readonly CallWrite[]) => boolean;
  private readonly deleteTx: (callIds: readonly string[]) => number;
  private readonly statements = new Map<string, Database.Statement>();

  /** `file` is a path or ':memory:'. Applies pending migrations before returning. */
  constructor(file: string, opts: { staleAfterMs?: number } = {}) {
    this.staleAfterMs = opts.staleAfterMs ?? STALE_AFTER_MS;
    this.db = new Database(file);
    // WAL: readers never block the writer; NORMAL sync keeps every committed batch across a
    // process crash (only an OS crash or power loss can take the newest ones).
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    // A deleted record (privacy request, retention) is overwritten, not just unlinked.
    this.db.pragma('secure_delete = ON');
    this.migrate();
    this.writeTx = this.db.transaction((batch: readonly CallWrite[]) => {
      let replaced = false;
      for (const w of batch) replaced = this.writeOne(w) || replaced;
      return replaced;
    });
    this.deleteTx = this.db.transaction((callIds: readonly string[]) => {
      let n = 0;
      for (const id of callIds) {
        n += this.sql('DELETE FROM calls WHERE call_id = ?').run(id).changes;
        this.sql('DELETE FROM call_events WHERE call_id = ?').run(id);
        this.sql('DELETE FROM prompts WHERE call_id = ?').run(id);
      }
      return n;
    });
  }

  /** A prepared statement, prepared once per SQL text. */
  private sql(text: string): Database.Statement {
    let s = this.statements.get(text);
    if (!s) this.statements.set(text, (s = this.db.prepare(text)));
    return s;
  }

  async schemaVersions(): Promise<number[]> {
    return this.appliedVersions();
  }

  private appliedVersions(): number[] {
    return (this.db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as Row[]).map((r) => Number(r.version));
  }

  private migrate(): void {
    this.db.exec(MIGRATIONS_TABLE.sqlite);
    const applied = new Set(this.appliedVersions());
    for (const m of MIGRATIONS) {
      if (applied.has(m.version)) continue;
      this.db.transaction(() => {
        for (const stmt of m.sqlite) this.db.exec(stmt);
        this.db
          .prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
          .run(m.version, m.name, new Date().toISOString());
      }).immediate();
    }
  }

  /** True when rows were replaced (their old bytes must leave the write-ahead log). */
  private writeOne(w: CallWrite): boolean {
    if (w.start) {
      // A call id seen again starts a new record: the newest call with an id wins.
      this.sql('DELETE FROM call_events WHERE call_id = ?').run(w.callId);
      this.sql('DELETE FROM prompts WHERE call_id = ?').run(w.callId);
      this.sql(
        `INSERT OR REPLACE INTO calls (call_id, agent_id, language, source, tracks, started_at_ms, status, heartbeat_ms)
         VALUES (?, ?, ?, ?, ?, ?, 'live', ?)`,
      ).run(w.callId, w.start.agentId, w.start.language, w.start.source, JSON.stringify(w.start.tracks), w.start.startedAtMs, w.totals.heartbeatMs);
    }
    const t = w.totals;
    const e = w.end;
    const updated = this
      .sql(
        `UPDATE calls SET heartbeat_ms = ?, emotions = ?, peak_intensity = ?, prompt_count = ?, alert_count = ?,
           violation_count = ?, status = CASE WHEN ? = 1 THEN 'complete' ELSE status END,
           ended_at_ms = COALESCE(?, ended_at_ms), end_reason = COALESCE(?, end_reason),
           duration_ms = COALESCE(?, duration_ms), shed_frames = COALESCE(?, shed_frames)
         WHERE call_id = ?`,
      )
      .run(t.heartbeatMs, encodeLabels(t.emotions), t.peakIntensity, t.prompts, t.alerts, t.violations, e ? 1 : 0,
        e?.endedAtMs ?? null, e?.reason ?? null, e?.durationMs ?? null, e?.shedFrames ?? null, w.callId);
    // No row: the call was deleted (privacy request) while it ran. Nothing more is kept.
    if (updated.changes === 0) return false;
    let replaced = false;
    const insertEvent = this.sql('INSERT INTO call_events (call_id, seq, type, at_ms, key, body) VALUES (?, ?, ?, ?, ?, ?)');
    for (const ev of w.events) {
      if (ev.replaces && ev.key !== undefined) {
        replaced = this.sql('DELETE FROM call_events WHERE call_id = ? AND type = ? AND key = ?').run(w.callId, ev.type, ev.key).changes > 0 || replaced;
      }
      insertEvent.run(w.callId, ev.seq, ev.type, ev.atMs, ev.key ?? null, JSON.stringify(ev.body));
    }
    const insertPrompt = this.sql(
      `INSERT INTO prompts (call_id, prompt_id, agent_id, rule, kind, shown_at_ms) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (call_id, prompt_id) DO NOTHING`,
    );
    for (const p of w.prompts) insertPrompt.run(w.callId, p.promptId, p.agentId, p.rule, p.kind, p.shownAtMs);
    for (const a of w.acks) {
      const [set, clear] = ACK_COLUMNS[a.action];
      this.sql(`UPDATE prompts SET ${set} = 1${clear ? `, ${clear} = 0` : ''} WHERE call_id = ? AND prompt_id = ?`).run(w.callId, a.promptId);
    }
    return replaced;
  }

  async write(batch: readonly CallWrite[]): Promise<void> {
    if (batch.length > 0 && this.writeTx(batch)) this.checkpoint();
  }

  async getCall(callId: string, nowMs = Date.now()): Promise<CallRecord | null> {
    const row = this.sql(`SELECT ${SUMMARY_COLUMNS}, scorecard FROM calls WHERE call_id = ?`).get(callId) as Row | undefined;
    if (!row) return null;
    const events = this.sql('SELECT seq, type, at_ms, body FROM call_events WHERE call_id = ? ORDER BY id').iterate(callId) as IterableIterator<Row>;
    const rows = function* (): Generator<EventRow> {
      for (const r of events) yield { seq: Number(r.seq), type: String(r.type), atMs: Number(r.at_ms), body: JSON.parse(String(r.body)) };
    };
    return {
      ...toSummary(row, nowMs, this.staleAfterMs),
      ...foldTimeline(rows()),
      scorecard: row.scorecard ? (JSON.parse(String(row.scorecard)) as Record<string, unknown>) : null,
    };
  }

  async listCalls(query: CallQuery, nowMs = Date.now()): Promise<CallPage> {
    const { sql, params } = listSql(query, nowMs - this.staleAfterMs);
    const rows = this.sql(sql).all(...params) as Row[];
    const page = rows.slice(0, query.limit).map((r) => toSummary(r, nowMs, this.staleAfterMs));
    const last = page[page.length - 1];
    return { calls: page, next: rows.length > query.limit && last ? { startedAtMs: Date.parse(last.startedAt), callId: last.callId } : null };
  }

  async deleteCall(callId: string): Promise<boolean> {
    return this.erase([callId]) > 0;
  }

  async purgeStartedBefore(beforeMs: number): Promise<number> {
    const ids = (this.sql('SELECT call_id FROM calls WHERE started_at_ms < ?').all(beforeMs) as Row[]).map((r) => String(r.call_id));
    return ids.length ? this.erase(ids) : 0;
  }

  private erase(callIds: readonly string[]): number {
    const n = this.deleteTx(callIds);
    if (n > 0) this.checkpoint();
    return n;
  }

  /** After a deletion the write-ahead log still holds the pages as they were: empty it now. */
  private checkpoint(): void {
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  async markIncomplete(heartbeatBeforeMs: number): Promise<number> {
    return this.sql(`UPDATE calls SET status = 'incomplete' WHERE status = 'live' AND heartbeat_ms < ?`).run(heartbeatBeforeMs).changes;
  }

  async setScorecard(callId: string, scorecard: Scorecard): Promise<boolean> {
    const r = this.sql('UPDATE calls SET scorecard = ?, score = ? WHERE call_id = ?').run(JSON.stringify(scorecard), scorecard.score, callId);
    return r.changes > 0;
  }

  async agentStats(agentId: string, range?: { fromMs?: number; toMs?: number }): Promise<AgentStats> {
    const [from, to] = statsRange(range);
    const rows = this.sql(STATS_SQL).all(agentId, from, to) as Row[];
    const calls = (this.sql(STATS_CALLS_SQL).get(agentId, from, to) as Row).n;
    return toStats(agentId, calls, rows);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
