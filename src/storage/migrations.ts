// Versioned schema migrations, in code, applied in order when a store opens. Each version is
// applied once, in a transaction, and noted in schema_migrations; a version is never edited once
// released — a change is a new version. Both dialects keep the same tables and columns.

export interface Migration {
  version: number;
  name: string;
  sqlite: readonly string[];
  postgres: readonly string[];
}

export const MIGRATIONS_TABLE = {
  sqlite: `CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`,
  postgres: `CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL)`,
} as const;

/** The calls table, one row per call: the facts, the totals the list filters on, the scorecard. */
const callsTable = (t: { bigint: string; real: string; json: string }) => `CREATE TABLE calls (
    call_id TEXT PRIMARY KEY,
    agent_id TEXT NOT NULL,
    language TEXT NOT NULL,
    source TEXT NOT NULL,
    tracks TEXT NOT NULL,
    started_at_ms ${t.bigint} NOT NULL,
    ended_at_ms ${t.bigint},
    end_reason TEXT,
    duration_ms ${t.bigint},
    shed_frames INTEGER,
    status TEXT NOT NULL,
    heartbeat_ms ${t.bigint} NOT NULL,
    emotions TEXT NOT NULL DEFAULT '',
    peak_intensity ${t.real},
    prompt_count INTEGER NOT NULL DEFAULT 0,
    alert_count INTEGER NOT NULL DEFAULT 0,
    violation_count INTEGER NOT NULL DEFAULT 0,
    score ${t.real},
    scorecard ${t.json}
  )`;

/** Prompts apart from the event log, so per-agent statistics are one GROUP BY. */
const promptsTable = (t: { bigint: string }) => `CREATE TABLE prompts (
    call_id TEXT NOT NULL,
    prompt_id TEXT NOT NULL,
    agent_id TEXT NOT NULL,
    rule TEXT NOT NULL,
    kind TEXT NOT NULL,
    shown_at_ms ${t.bigint} NOT NULL,
    used INTEGER NOT NULL DEFAULT 0,
    dismissed INTEGER NOT NULL DEFAULT 0,
    helpful INTEGER NOT NULL DEFAULT 0,
    not_helpful INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (call_id, prompt_id)
  )`;

/** One row per running recorder (process): its lease, renewed every few seconds while it runs. */
const ownersTable = (t: { bigint: string }) => `CREATE TABLE call_owners (
    owner_id TEXT PRIMARY KEY,
    machine TEXT NOT NULL,
    pid INTEGER NOT NULL,
    started_at_ms ${t.bigint} NOT NULL,
    heartbeat_ms ${t.bigint} NOT NULL
  )`;

const indexes = [
  'CREATE INDEX calls_started ON calls (started_at_ms, call_id)',
  'CREATE INDEX calls_agent_started ON calls (agent_id, started_at_ms)',
  'CREATE INDEX calls_live ON calls (status, heartbeat_ms)',
  'CREATE INDEX call_events_call ON call_events (call_id, id)',
  'CREATE INDEX prompts_agent ON prompts (agent_id, shown_at_ms)',
];

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'call records: calls, call_events, prompts',
    sqlite: [
      callsTable({ bigint: 'INTEGER', real: 'REAL', json: 'TEXT' }),
      `CREATE TABLE call_events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        call_id TEXT NOT NULL, seq INTEGER NOT NULL, type TEXT NOT NULL, at_ms INTEGER NOT NULL, key TEXT, body TEXT NOT NULL)`,
      promptsTable({ bigint: 'INTEGER' }),
      ...indexes,
    ],
    postgres: [
      callsTable({ bigint: 'BIGINT', real: 'DOUBLE PRECISION', json: 'JSONB' }),
      `CREATE TABLE call_events (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        call_id TEXT NOT NULL, seq INTEGER NOT NULL, type TEXT NOT NULL, at_ms BIGINT NOT NULL, key TEXT, body JSONB NOT NULL)`,
      promptsTable({ bigint: 'BIGINT' }),
      ...indexes,
    ],
  },
  {
    version: 2,
    name: 'call owners: each live call names the recorder that owns it, which holds a lease',
    sqlite: [
      'ALTER TABLE calls ADD COLUMN owner_id TEXT',
      ownersTable({ bigint: 'INTEGER' }),
    ],
    postgres: [
      'ALTER TABLE calls ADD COLUMN owner_id TEXT',
      ownersTable({ bigint: 'BIGINT' }),
    ],
  },
];

/** The newest schema version this code knows. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
