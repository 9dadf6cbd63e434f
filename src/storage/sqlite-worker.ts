// SQLite on a thread of its own. better-sqlite3 is synchronous: a batch of inserts, and above all
// a WAL checkpoint with its fsync, would stall the event loop that carries every call's audio
// (measured: up to ~150 ms at 500 live calls). The worker owns the connection and runs plain
// statements; the store composes them, so the worker is a small generic executor.
//
// The worker's code is a string evaluated as CommonJS: a worker cannot load a .ts file when the
// code runs from source (tests), and this keeps one code path for source and build alike.

import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

export type Step = readonly [sql: string, params: readonly unknown[]];
export type Row = Record<string, unknown>;

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
for (const p of workerData.pragmas) db.pragma(p);
const cache = new Map();
const stmt = (sql) => { let s = cache.get(sql); if (!s) cache.set(sql, (s = db.prepare(sql))); return s; };
const runAll = (steps) => steps.map(([sql, params]) => stmt(sql).run(...params).changes);
const ops = {
  tx: (steps) => db.transaction(runAll)(steps),
  txImmediate: (steps) => db.transaction(runAll).immediate(steps),
  read: (steps) => db.transaction((s) => s.map(([sql, params]) => stmt(sql).all(...params)))(steps),
  exec: (sql) => { db.exec(sql); return null; },
  pragma: (p) => db.pragma(p),
  close: () => { db.close(); return null; },
};
parentPort.on('message', ({ id, op, arg }) => {
  try { parentPort.postMessage({ id, ok: ops[op](arg) }); }
  catch (e) { parentPort.postMessage({ id, err: { message: String(e && e.message), code: e && e.code } }); }
});
parentPort.postMessage({ id: 0, ok: 'ready' });
`;

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };

export class SqliteWorker {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private failure: Error | null = null;
  readonly ready: Promise<void>;

  constructor(file: string, pragmas: readonly string[], onError?: (err: Error) => void) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, file, pragmas } });
    this.ready = new Promise((resolve, reject) => this.pending.set(0, { resolve: () => resolve(), reject }));
    this.worker.on('message', (m: { id: number; ok?: unknown; err?: { message: string; code?: string } }) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.err) p.reject(Object.assign(new Error(m.err.message), { code: m.err.code }));
      else p.resolve(m.ok);
    });
    const fail = (err: Error) => {
      this.failure = err;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
      onError?.(err);
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => {
      if (!this.failure) fail(new Error(`the SQLite worker exited with code ${code}`));
    });
  }

  private call<T>(op: string, arg: unknown): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ id, op, arg });
    });
  }

  /** Runs the steps in one transaction; the rows each changed. */
  tx(steps: readonly Step[], immediate = false): Promise<number[]> {
    return this.call(immediate ? 'txImmediate' : 'tx', steps);
  }

  /** Runs the queries in one read transaction (one consistent snapshot). */
  read(steps: readonly Step[]): Promise<Row[][]> {
    return this.call('read', steps);
  }

  exec(sql: string): Promise<void> {
    return this.call('exec', sql);
  }

  pragma(p: string): Promise<unknown> {
    return this.call('pragma', p);
  }

  async close(): Promise<void> {
    if (this.failure) return;
    await this.call('close', null);
    this.failure = new Error('the SQLite store is closed');
    await this.worker.terminate();
  }
}
