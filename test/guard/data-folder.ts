// What the user's data/ folder holds, to prove the test suite leaves it as it found it: the files
// other than the default database, and the default database's calls and owners (read-only). A
// callcue service the user runs meanwhile may change its own records; a change is excused only
// when it is a living process's doing (its owner id names a pid that still runs), never a test's:
// every test process has ended by the time the guard looks.

import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { packagePath } from '../../src/config/paths.js';
import { DEFAULT_DB_FILE } from '../../src/storage/index.js';

export const DATA_DIR = packagePath('data');
const DB = packagePath(DEFAULT_DB_FILE);
/** SQLite's companions of the database come and go with any reader: the database's content is compared instead. */
const COMPANION = /-(wal|shm|journal)$/;

export interface DataSnapshot {
  /** Files of data/ other than the database, with their size and modification time. */
  files: Record<string, string>;
  /** null when there is no database file. */
  db: { calls: Record<string, { status: string; ownerId: string | null }>; owners: string[] } | null;
}

function readDb(): DataSnapshot['db'] {
  if (!existsSync(DB)) return null;
  // Read a copy: even a read-only connection leaves -wal and -shm files behind in data/.
  const dir = mkdtempSync(join(tmpdir(), 'callcue-guard-'));
  const copy = join(dir, 'copy.db');
  copyFileSync(DB, copy);
  if (existsSync(`${DB}-wal`)) copyFileSync(`${DB}-wal`, `${copy}-wal`);
  const db = new Database(copy, { fileMustExist: true });
  try {
    const has = (table: string) => db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(table) !== undefined;
    const calls: NonNullable<DataSnapshot['db']>['calls'] = {};
    if (has('calls')) {
      for (const r of db.prepare('SELECT * FROM calls').all() as Record<string, unknown>[]) {
        calls[String(r.call_id)] = { status: String(r.status), ownerId: (r.owner_id as string | null | undefined) ?? null };
      }
    }
    const owners = has('call_owners') ? (db.prepare('SELECT owner_id FROM call_owners').all() as { owner_id: string }[]).map((r) => r.owner_id) : [];
    return { calls, owners };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function snapshotData(): DataSnapshot {
  const files: Record<string, string> = {};
  if (existsSync(DATA_DIR)) {
    for (const name of readdirSync(DATA_DIR)) {
      const path = join(DATA_DIR, name);
      if (path === DB || (name.startsWith('callcue.db') && COMPANION.test(name))) continue;
      const st = statSync(path);
      files[name] = `${st.size} bytes, modified ${st.mtime.toISOString()}`;
    }
  }
  return { files, db: readDb() };
}

/** Whether the owner id (host:pid:random) names a process of this host that still runs. */
function ownerRuns(ownerId: string | null): boolean {
  if (!ownerId) return false;
  const [host, pid] = ownerId.split(':');
  if (host !== hostname() || !pid) return false;
  try {
    process.kill(Number(pid), 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** What changed in data/ between two snapshots that no running process accounts for. */
export function unexplainedChanges(before: DataSnapshot, after: DataSnapshot): string[] {
  const out: string[] = [];
  for (const name of new Set([...Object.keys(before.files), ...Object.keys(after.files)])) {
    if (before.files[name] !== after.files[name]) out.push(`data/${name}: ${before.files[name] ?? 'absent'} → ${after.files[name] ?? 'absent'}`);
  }
  const a = after.db;
  const b = before.db;
  if (!a) {
    if (b) out.push(`${DEFAULT_DB_FILE} was deleted`);
    return out;
  }
  const aliveOwners = a.owners.filter(ownerRuns);
  if (!b && aliveOwners.length === 0) out.push(`${DEFAULT_DB_FILE} was created (no running callcue owns it)`);
  for (const [callId, call] of Object.entries(a.calls)) {
    const was = b?.calls[callId];
    if (was && was.status === call.status && was.ownerId === call.ownerId) continue;
    if (ownerRuns(call.ownerId)) continue;
    out.push(was ? `call ${callId}: ${was.status} → ${call.status} (owner ${call.ownerId ?? 'none'} is not running)` : `call ${callId} was added (owner ${call.ownerId ?? 'none'} is not running)`);
  }
  // A running service deletes records itself (retention, privacy requests); nothing else may.
  if (aliveOwners.length === 0) {
    for (const callId of Object.keys(b?.calls ?? {})) if (!a.calls[callId]) out.push(`call ${callId} was deleted`);
  }
  for (const ownerId of a.owners) if (!b?.owners.includes(ownerId) && !ownerRuns(ownerId)) out.push(`lease of ${ownerId} was added`);
  return out;
}
