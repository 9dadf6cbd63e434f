// The store contract on the embedded default, SQLite: a real file in WAL mode, whose raw bytes
// (database and write-ahead log) are searched for personal data that must never land there.

import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { CallRecorder, MIGRATIONS, openCallStore, parseDbUrl, SqliteCallStore } from '../../src/storage/index.js';
import { packagePath } from '../../src/config/paths.js';
import { LocalBus } from '../../src/delivery/bus.js';
import { createLogger } from '../../src/observability/logger.js';
import { storeContract } from './store-contract.js';

const dir = mkdtempSync(join(tmpdir(), 'callcue-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = join(dir, 'contract.db');

const fileBytes = () =>
  [file, `${file}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f).toString('latin1')).join('\n');

storeContract('SQLite file (WAL)', () => ({
  open: () => openCallStore(`sqlite://${file}`),
  dump: async () => fileBytes(),
  exec: async (sql) => {
    const db = new Database(file);
    try {
      db.exec(sql);
    } finally {
      db.close();
    }
  },
}));

describe('the SQLite store', () => {
  it('runs in WAL mode and keeps schema_migrations', async () => {
    const f = join(dir, 'wal.db');
    const store = await openCallStore(`sqlite://${f}`);
    const db = new Database(f, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all()).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
    db.close();
    await store.close();
  });

  it('opens sqlite::memory:, sqlite:///abs, sqlite:rel (package root) and the default data/callcue.db', async () => {
    expect(parseDbUrl('')).toEqual({ kind: 'sqlite', file: packagePath('data/callcue.db') });
    expect(parseDbUrl('sqlite::memory:')).toEqual({ kind: 'sqlite', file: ':memory:' });
    expect(parseDbUrl('sqlite:///var/x.db')).toEqual({ kind: 'sqlite', file: '/var/x.db' });
    expect(parseDbUrl('sqlite:tmp/x.db')).toEqual({ kind: 'sqlite', file: packagePath('tmp/x.db') });
    expect(parseDbUrl('postgresql://u:p@h/db')).toEqual({ kind: 'postgres', url: 'postgresql://u:p@h/db' });
    expect(() => parseDbUrl('mysql://u:secret@h/db')).toThrow(/CALLCUE_DB_URL/);
    expect(() => parseDbUrl('mysql://u:secret@h/db')).not.toThrow(/secret/);
    const mem = await openCallStore('sqlite::memory:');
    expect(mem).toBeInstanceOf(SqliteCallStore);
    expect(await mem.schemaVersions()).toEqual(MIGRATIONS.map((m) => m.version));
    await mem.close();
    const nested = join(dir, 'a', 'b', 'records.db');
    const s = await openCallStore(`sqlite://${nested}`);
    expect(existsSync(nested)).toBe(true); // the folder is created
    await s.close();
  });

  it('upgrades a database of schema 1: its live calls have no owner and go by their own heartbeat', async () => {
    const f = join(dir, 'v1.db');
    const db = new Database(f);
    db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    for (const sql of MIGRATIONS[0]!.sqlite) db.exec(sql);
    db.prepare('INSERT INTO schema_migrations VALUES (1, ?, ?)').run(MIGRATIONS[0]!.name, new Date().toISOString());
    const insert = db.prepare(`INSERT INTO calls (call_id, agent_id, language, source, tracks, started_at_ms, status, heartbeat_ms) VALUES (?, 'a', 'en-US', 'native', '["caller"]', ?, 'live', ?)`);
    const now = Date.now();
    insert.run('old-dead', now - 120_000, now - 60_000);
    insert.run('old-fresh', now - 2_000, now - 1_000);
    db.close();
    const store = await openCallStore(`sqlite://${f}`);
    const recorder = new CallRecorder({ store, bus: new LocalBus(), logger: createLogger('silent'), retentionDays: 90 });
    await recorder.start();
    expect(await store.schemaVersions()).toEqual(MIGRATIONS.map((m) => m.version));
    expect((await store.getCall('old-dead', now))!.status).toBe('incomplete');
    expect((await store.getCall('old-fresh', now))!.status).toBe('live');
    await recorder.close();
    await store.close();
    const raw = new Database(f, { readonly: true });
    expect(raw.prepare('SELECT call_id, status FROM calls ORDER BY call_id').all()).toEqual([
      { call_id: 'old-dead', status: 'incomplete' },
      { call_id: 'old-fresh', status: 'live' },
    ]);
    raw.close();
  });

  it('names the setting, not the password, when a database cannot be opened', async () => {
    const err = await openCallStore('postgres://callcue:hunter2secret@127.0.0.1:1/none').catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/CALLCUE_DB_URL/);
    expect((err as Error).message).not.toContain('hunter2secret');
  });
});
