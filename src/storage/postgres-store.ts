// The shared store: PostgreSQL through `pg`, for deployments where several nodes record calls
// into one database. A flush is one transaction of a handful of statements whatever its size
// (rows travel as arrays through unnest), and migrations take an advisory lock so nodes that
// start together apply each version once.

import pg from 'pg';
import { foldTimeline } from './fold.js';
import { MIGRATIONS, MIGRATIONS_TABLE } from './migrations.js';
import type { CallRecord } from './record.js';
import type { OwnerLease } from './owner.js';
import { ACK_COLUMNS, encodeLabels, LEASE_SQL, leaseParams, listSql, STATS_CALLS_SQL, STATS_SQL, statsRange, SUMMARY_COLUMNS, toLease, toStats, toSummary } from './sql.js';
import { STALE_AFTER_MS, type AgentStats, type CallPage, type CallQuery, type CallStore, type CallWrite, type Scorecard } from './store.js';

const { Pool } = pg;
type Row = Record<string, unknown>;

/** Any constant: the advisory lock that serialises migrations across nodes. */
const MIGRATION_LOCK = 7_240_001;

/** `?` placeholders (shared SQL) → `$1, $2…` (none of our SQL has a literal `?`). */
export function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

export class PostgresCallStore implements CallStore {
  readonly kind = 'postgres' as const;
  private readonly staleAfterMs: number;

  private constructor(
    private readonly pool: pg.Pool,
    opts: { staleAfterMs?: number },
  ) {
    this.staleAfterMs = opts.staleAfterMs ?? STALE_AFTER_MS;
  }

  /** Connects and applies pending migrations. `onError` hears errors of idle connections. */
  static async open(url: string, opts: { staleAfterMs?: number; onError?: (err: Error) => void } = {}): Promise<PostgresCallStore> {
    const pool = new Pool({ connectionString: url, max: 5, connectionTimeoutMillis: 10_000 });
    // An idle client's error (the server restarted) must not crash the process.
    pool.on('error', (err) => opts.onError?.(err));
    const store = new PostgresCallStore(pool, opts);
    try {
      await store.migrate();
    } catch (err) {
      await pool.end();
      throw err;
    }
    return store;
  }

  private async tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const out = await fn(client);
      await client.query('COMMIT');
      return out;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  private async migrate(): Promise<void> {
    await this.tx(async (c) => {
      await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await c.query(MIGRATIONS_TABLE.postgres);
      const applied = new Set((await c.query('SELECT version FROM schema_migrations')).rows.map((r: Row) => Number(r.version)));
      for (const m of MIGRATIONS) {
        if (applied.has(m.version)) continue;
        for (const stmt of m.postgres) await c.query(stmt);
        await c.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, now())', [m.version, m.name]);
      }
    });
  }

  async schemaVersions(): Promise<number[]> {
    const r = await this.pool.query('SELECT version FROM schema_migrations ORDER BY version');
    return r.rows.map((row: Row) => Number(row.version));
  }

  async write(batch: readonly CallWrite[]): Promise<void> {
    if (batch.length === 0) return;
    await this.tx(async (c) => {
      const starts = batch.filter((w) => w.start);
      if (starts.length > 0) {
        const ids = starts.map((w) => w.callId);
        // A call id seen again starts a new record: the newest call with an id wins.
        await c.query('DELETE FROM call_events WHERE call_id = ANY($1::text[])', [ids]);
        await c.query('DELETE FROM prompts WHERE call_id = ANY($1::text[])', [ids]);
        await c.query(
          `INSERT INTO calls (call_id, agent_id, language, source, tracks, started_at_ms, owner_id, status, heartbeat_ms)
           SELECT u.*, 'live', u.started_at_ms FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[])
             AS u(call_id, agent_id, language, source, tracks, started_at_ms, owner_id)
           ON CONFLICT (call_id) DO UPDATE SET agent_id = EXCLUDED.agent_id, language = EXCLUDED.language,
             source = EXCLUDED.source, tracks = EXCLUDED.tracks, started_at_ms = EXCLUDED.started_at_ms, status = 'live',
             heartbeat_ms = EXCLUDED.heartbeat_ms, owner_id = EXCLUDED.owner_id, ended_at_ms = NULL, end_reason = NULL,
             duration_ms = NULL, shed_frames = NULL, scorecard = NULL, score = NULL`,
          [ids, ...(['agentId', 'language', 'source'] as const).map((k) => starts.map((w) => w.start![k])),
            starts.map((w) => JSON.stringify(w.start!.tracks)), starts.map((w) => w.start!.startedAtMs), starts.map((w) => w.start!.ownerId)],
        );
      }
      // Totals first: the row lock it takes orders this write against a concurrent deletion.
      await c.query(
        `UPDATE calls c SET heartbeat_ms = u.heartbeat_ms, emotions = u.emotions, peak_intensity = u.peak,
           prompt_count = u.prompts, alert_count = u.alerts, violation_count = u.violations,
           status = CASE WHEN u.ended_at_ms IS NOT NULL THEN 'complete' WHEN c.status = 'incomplete' THEN 'live' ELSE c.status END,
           ended_at_ms = COALESCE(u.ended_at_ms, c.ended_at_ms), end_reason = COALESCE(u.reason, c.end_reason),
           duration_ms = COALESCE(u.duration_ms, c.duration_ms), shed_frames = COALESCE(u.shed, c.shed_frames)
         FROM unnest($1::text[], $2::bigint[], $3::text[], $4::float8[], $5::int[], $6::int[], $7::int[],
                     $8::bigint[], $9::text[], $10::bigint[], $11::int[])
           AS u(call_id, heartbeat_ms, emotions, peak, prompts, alerts, violations, ended_at_ms, reason, duration_ms, shed)
         WHERE c.call_id = u.call_id`,
        [
          batch.map((w) => w.callId),
          batch.map((w) => w.totals.heartbeatMs),
          batch.map((w) => encodeLabels(w.totals.emotions)),
          batch.map((w) => w.totals.peakIntensity),
          batch.map((w) => w.totals.prompts),
          batch.map((w) => w.totals.alerts),
          batch.map((w) => w.totals.violations),
          batch.map((w) => w.end?.endedAtMs ?? null),
          batch.map((w) => w.end?.reason ?? null),
          batch.map((w) => w.end?.durationMs ?? null),
          batch.map((w) => w.end?.shedFrames ?? null),
        ],
      );
      const events = batch.flatMap((w) => w.events.map((e) => ({ callId: w.callId, ...e })));
      const replacing = events.filter((e) => e.replaces && e.key !== undefined);
      if (replacing.length > 0) {
        await c.query(
          `DELETE FROM call_events e USING unnest($1::text[], $2::text[], $3::text[]) AS u(call_id, type, key)
           WHERE e.call_id = u.call_id AND e.type = u.type AND e.key = u.key`,
          [replacing.map((e) => e.callId), replacing.map((e) => e.type), replacing.map((e) => e.key!)],
        );
      }
      if (events.length > 0) {
        // Rows for a call deleted while it ran find no calls row and are dropped.
        await c.query(
          `INSERT INTO call_events (call_id, seq, type, at_ms, key, body)
           SELECT u.call_id, u.seq, u.type, u.at_ms, u.key, u.body
           FROM unnest($1::text[], $2::int[], $3::text[], $4::bigint[], $5::text[], $6::jsonb[])
             WITH ORDINALITY AS u(call_id, seq, type, at_ms, key, body, ord)
           WHERE EXISTS (SELECT 1 FROM calls c WHERE c.call_id = u.call_id) ORDER BY u.ord`,
          [
            events.map((e) => e.callId),
            events.map((e) => e.seq),
            events.map((e) => e.type),
            events.map((e) => e.atMs),
            events.map((e) => e.key ?? null),
            events.map((e) => JSON.stringify(e.body)),
          ],
        );
      }
      const prompts = batch.flatMap((w) => w.prompts.map((p) => ({ callId: w.callId, ...p })));
      if (prompts.length > 0) {
        await c.query(
          `INSERT INTO prompts (call_id, prompt_id, agent_id, rule, kind, shown_at_ms)
           SELECT u.* FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[])
             AS u(call_id, prompt_id, agent_id, rule, kind, shown_at_ms)
           WHERE EXISTS (SELECT 1 FROM calls c WHERE c.call_id = u.call_id)
           ON CONFLICT (call_id, prompt_id) DO NOTHING`,
          [prompts.map((p) => p.callId), prompts.map((p) => p.promptId), prompts.map((p) => p.agentId), prompts.map((p) => p.rule), prompts.map((p) => p.kind), prompts.map((p) => p.shownAtMs)],
        );
      }
      // Acknowledgements come at human speed: one statement each keeps their order.
      for (const w of batch) {
        for (const a of w.acks) {
          const [set, clear] = ACK_COLUMNS[a.action];
          await c.query(`UPDATE prompts SET ${set} = 1${clear ? `, ${clear} = 0` : ''} WHERE call_id = $1 AND prompt_id = $2`, [w.callId, a.promptId]);
        }
      }
    });
  }

  async getCall(callId: string, nowMs = Date.now()): Promise<CallRecord | null> {
    const r = await this.pool.query(`SELECT ${SUMMARY_COLUMNS}, scorecard FROM calls WHERE call_id = $1`, [callId]);
    const row = r.rows[0] as Row | undefined;
    if (!row) return null;
    const events = await this.pool.query('SELECT seq, type, at_ms, body FROM call_events WHERE call_id = $1 ORDER BY id', [callId]);
    const rows = events.rows.map((e: Row) => ({ seq: Number(e.seq), type: String(e.type), atMs: Number(e.at_ms), body: e.body as Record<string, unknown> }));
    return { ...toSummary(row, nowMs, this.staleAfterMs), ...foldTimeline(rows), scorecard: (row.scorecard as Record<string, unknown> | null) ?? null };
  }

  async listCalls(query: CallQuery, nowMs = Date.now()): Promise<CallPage> {
    const { sql, params } = listSql(query, nowMs - this.staleAfterMs);
    const rows = (await this.pool.query(numbered(sql), params)).rows as Row[];
    const page = rows.slice(0, query.limit).map((r) => toSummary(r, nowMs, this.staleAfterMs));
    const last = page[page.length - 1];
    return { calls: page, next: rows.length > query.limit && last ? { startedAtMs: Date.parse(last.startedAt), callId: last.callId } : null };
  }

  private async deleteWhere(where: string, param: unknown): Promise<number> {
    return this.tx(async (c) => {
      // The calls rows first: their locks wait out a flush in progress for the same calls.
      const gone = await c.query(`DELETE FROM calls WHERE ${where} RETURNING call_id`, [param]);
      const ids = gone.rows.map((r: Row) => String(r.call_id));
      if (ids.length > 0) {
        await c.query('DELETE FROM call_events WHERE call_id = ANY($1::text[])', [ids]);
        await c.query('DELETE FROM prompts WHERE call_id = ANY($1::text[])', [ids]);
      }
      return ids.length;
    });
  }

  async deleteCall(callId: string): Promise<boolean> {
    return (await this.deleteWhere('call_id = $1', callId)) > 0;
  }

  async purgeStartedBefore(beforeMs: number): Promise<number> {
    return this.deleteWhere('started_at_ms < $1', beforeMs);
  }

  async renewLease(lease: OwnerLease): Promise<void> {
    await this.pool.query(numbered(LEASE_SQL.renew), leaseParams(lease));
  }

  async leases(): Promise<OwnerLease[]> {
    return ((await this.pool.query(LEASE_SQL.list)).rows as Row[]).map(toLease);
  }

  async releaseOwner(ownerId: string): Promise<number> {
    return this.tx(async (c) => {
      const r = await c.query(numbered(LEASE_SQL.releaseCalls), [ownerId]);
      await c.query(numbered(LEASE_SQL.releaseLease), [ownerId]);
      return r.rowCount ?? 0;
    });
  }

  async markIncomplete(leaseBeforeMs: number): Promise<number> {
    return this.tx(async (c) => {
      const r = await c.query(numbered(LEASE_SQL.markIncomplete), [leaseBeforeMs, leaseBeforeMs]);
      await c.query(numbered(LEASE_SQL.dropExpired), [leaseBeforeMs]);
      return r.rowCount ?? 0;
    });
  }

  async setScorecard(callId: string, scorecard: Scorecard): Promise<boolean> {
    const r = await this.pool.query('UPDATE calls SET scorecard = $1::jsonb, score = $2 WHERE call_id = $3', [JSON.stringify(scorecard), scorecard.score, callId]);
    return (r.rowCount ?? 0) > 0;
  }

  async agentStats(agentId: string, range?: { fromMs?: number; toMs?: number }): Promise<AgentStats> {
    const [from, to] = statsRange(range);
    const rows = (await this.pool.query(numbered(STATS_SQL), [agentId, from, to])).rows as Row[];
    const calls = ((await this.pool.query(numbered(STATS_CALLS_SQL), [agentId, from, to])).rows[0] as Row).n;
    return toStats(agentId, calls, rows);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
