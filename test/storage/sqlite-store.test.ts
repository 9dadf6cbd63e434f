// The store contract on the embedded default, SQLite: a real file in WAL mode, whose raw bytes
// (database and write-ahead log) are searched for personal data that must never land there.

import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openCallStore, parseDbUrl, SCHEMA_VERSION, SqliteCallStore } from '../../src/storage/index.js';
import { packagePath } from '../../src/config/paths.js';
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
    expect(db.prepare('SELECT version, name FROM schema_migrations').all()).toEqual([{ version: SCHEMA_VERSION, name: expect.stringMatching(/call records/) }]);
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
    expect(await mem.schemaVersions()).toEqual([SCHEMA_VERSION]);
    await mem.close();
    const nested = join(dir, 'a', 'b', 'records.db');
    const s = await openCallStore(`sqlite://${nested}`);
    expect(existsSync(nested)).toBe(true); // the folder is created
    await s.close();
  });

  it('names the setting, not the password, when a database cannot be opened', async () => {
    const err = await openCallStore('postgres://callcue:hunter2secret@127.0.0.1:1/none').catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/CALLCUE_DB_URL/);
    expect((err as Error).message).not.toContain('hunter2secret');
  });
});
