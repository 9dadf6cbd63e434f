// Where the PostgreSQL half of the suite gets its server. CALLCUE_TEST_PG_URL wins; otherwise, with
// Debian's postgresql installed (scripts/debian-deps.sh), a throwaway cluster is started for the
// file. Without PostgreSQL the suite FAILS in CI and is skipped locally with a message saying how
// to run it. Each suite gets a database of its own, dropped afterwards.

import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, it } from 'vitest';

const run = promisify(execFile);
const HOW = 'run `eval "$(bash scripts/pg-test.sh start)"` first, or install Debian\'s postgresql';

type Mode = { kind: 'env'; url: string } | { kind: 'spawn' } | { kind: 'fail'; reason: string } | { kind: 'skip'; reason: string };

function pgMode(): Mode {
  const url = process.env.CALLCUE_TEST_PG_URL;
  if (url) return { kind: 'env', url };
  const haveBinaries = existsSync('/usr/lib/postgresql') && readdirSync('/usr/lib/postgresql').some((v) => existsSync(`/usr/lib/postgresql/${v}/bin/initdb`));
  if (haveBinaries) return { kind: 'spawn' };
  // CI installs PostgreSQL (scripts/debian-deps.sh): there, its absence is a failure, not a skip.
  if (process.env.CI === 'true') return { kind: 'fail', reason: `no PostgreSQL in CI (${HOW})` };
  return { kind: 'skip', reason: `no PostgreSQL: ${HOW}` };
}

async function spawnCluster(): Promise<{ url: string; stop(): Promise<void> }> {
  const { stdout } = await run('bash', ['scripts/pg-test.sh', 'start']);
  const url = /CALLCUE_TEST_PG_URL=(\S+)/.exec(stdout)?.[1];
  const dir = /CALLCUE_TEST_PG_DIR=(\S+)/.exec(stdout)?.[1];
  if (!url || !dir) throw new Error(`scripts/pg-test.sh printed no URL: ${stdout}`);
  return { url, stop: async () => void (await run('bash', ['scripts/pg-test.sh', 'stop', dir])) };
}

/** A fresh database on the server at baseUrl. */
export async function createDatabase(baseUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `callcue_t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(baseUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/**
 * describe() for a suite that needs PostgreSQL: `url()` is a database of the suite's own.
 * Registers its own hooks; fails in CI, skips locally, when no server can be had.
 */
export function describePg(name: string, body: (url: () => string) => void): void {
  const mode = pgMode();
  if (mode.kind === 'fail') {
    describe(name, () => {
      it('has a PostgreSQL server to test against', () => {
        throw new Error(mode.reason);
      });
    });
    return;
  }
  if (mode.kind === 'skip') {
    process.stderr.write(`[callcue] skipping "${name}": ${mode.reason}\n`);
    describe.skip(`${name} (skipped: ${mode.reason})`, () => body(() => ''));
    return;
  }
  describe(name, () => {
    let cluster: { url: string; stop(): Promise<void> } | null = null;
    let db: { url: string; drop(): Promise<void> } | null = null;
    beforeAll(async () => {
      if (mode.kind === 'spawn') cluster = await spawnCluster();
      db = await createDatabase(mode.kind === 'env' ? mode.url : cluster!.url);
    });
    afterAll(async () => {
      await db?.drop();
      await cluster?.stop();
    });
    body(() => {
      if (!db) throw new Error('the PostgreSQL test database is not ready');
      return db.url;
    });
  });
}

/** Every row the store holds, as text: for proving what never landed. */
export async function dumpPg(url: string): Promise<string> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const parts: string[] = [];
    for (const table of ['calls', 'call_events', 'prompts']) {
      const r = await c.query(`SELECT t::text AS row FROM ${table} t`);
      parts.push(...r.rows.map((x: { row: string }) => x.row));
    }
    return parts.join('\n');
  } finally {
    await c.end();
  }
}
