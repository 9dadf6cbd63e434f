// Picks and opens the store a database URL names (config dbUrl / CALLCUE_DB_URL):
//   ''                    → data/callcue.db under the package root (the embedded default)
//   sqlite:///abs/path.db → that file;  sqlite:rel/path.db → relative to the package root
//   sqlite::memory:       → a private in-memory database (nothing survives the process)
//   postgres://… or postgresql://… → PostgreSQL
// The URL may hold a password: it never appears in an error message or a log line.

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { packagePath } from '../config/paths.js';
import { CallcueError, ErrorCodes } from '../errors.js';
import { PostgresCallStore } from './postgres-store.js';
import { SqliteCallStore } from './sqlite-store.js';
import type { CallStore } from './store.js';

export const DEFAULT_DB_FILE = 'data/callcue.db';

export type DbTarget = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

export function parseDbUrl(url: string, setting = 'CALLCUE_DB_URL'): DbTarget {
  if (url === '') return { kind: 'sqlite', file: packagePath(DEFAULT_DB_FILE) };
  if (url === 'sqlite::memory:') return { kind: 'sqlite', file: ':memory:' };
  if (/^postgres(ql)?:\/\//.test(url)) return { kind: 'postgres', url };
  const m = /^sqlite:(?:\/\/)?(.+)$/.exec(url);
  if (m) return { kind: 'sqlite', file: packagePath(m[1]!) };
  throw new CallcueError(
    ErrorCodes.CONFIG_INVALID,
    `invalid configuration: ${setting}: use sqlite:///abs/path.db, sqlite::memory: or postgres://user:pass@host:5432/db`,
  );
}

export interface OpenOptions {
  /** Hears errors of idle database connections (PostgreSQL), for the log. */
  onError?: (err: Error) => void;
  staleAfterMs?: number;
  /** The setting the URL came from, named in errors (a command's --db is not CALLCUE_DB_URL). */
  setting?: string;
}

export async function openCallStore(url: string, opts: OpenOptions = {}): Promise<CallStore> {
  const setting = opts.setting ?? 'CALLCUE_DB_URL';
  const target = parseDbUrl(url, setting);
  try {
    if (target.kind === 'postgres') return await PostgresCallStore.open(target.url, opts);
    if (target.file !== ':memory:') mkdirSync(dirname(target.file), { recursive: true });
    return await SqliteCallStore.open(target.file, opts);
  } catch (err) {
    // Name the setting and the cause; never echo the URL (it may carry a password).
    const where = target.kind === 'postgres' ? 'the PostgreSQL database' : target.file;
    throw new CallcueError(ErrorCodes.CONFIG_INVALID, `cannot open call records at ${where} (${setting}): ${(err as Error).message}`);
  }
}
