// The record survives the process: a server (`node dist/src/main.js`, as operators run it) is
// killed with SIGKILL in the middle of a call; what it had received is in the database, and the
// next process reads the call as incomplete. Stopped with SIGTERM instead, it drains: the call
// ends and its record is complete. The embedded SQLite default is what `npm start` uses.

import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openCallStore, type CallRecord } from '../../src/storage/index.js';
import { openBridge, startMessage, streamAudio } from '../helpers/bridge.js';
import { speechLike } from '../helpers/audio.js';
import { spawnNode } from '../../src/cli/soak-node.js';
import { api, TRACKS } from './records-server.js';

const START_TIMEOUT_MS = 90_000;
/** Two node starts, a call, a restart. */
const TEST_TIMEOUT_MS = 3 * START_TIMEOUT_MS;
const dir = mkdtempSync(join(tmpdir(), 'callcue-crash-'));
const dbFile = join(dir, 'calls.db');
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function spawnServer(env: Record<string, string> = {}): Promise<{ url: string; wsUrl: string; proc: ChildProcess }> {
  // A node loads its models before it listens: on a machine with both cores busy that takes longer than 20 s.
  const node = await spawnNode({ CALLCUE_DB_URL: `sqlite://${dbFile}`, ...env }, { startTimeoutMs: START_TIMEOUT_MS });
  children.push(node.proc);
  return node;
}

async function poll<T>(fn: () => Promise<T | null>, timeoutMs: number, what: string): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== null) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('a call record after the process is killed mid-call', () => {
  it('keeps what was received and reads as incomplete after a restart', async () => {
    const first = await spawnServer();
    const bridge = await openBridge(first.wsUrl);
    bridge.send(startMessage('crash-1', 'ag-crash', TRACKS));
    await bridge.nextType('started');
    await streamAudio(bridge, 0, speechLike(2000, { pitchHz: 150, rateSylPerS: 4, amplitude: 0.4 }), TRACKS[0]!, 20, 20);
    bridge.send({ type: 'transcript', track: 'caller', text: 'my card number is 4532 0151 1283 0366', isFinal: true, startMs: 0, endMs: 2000 });
    bridge.send({ type: 'transcript', track: 'agent', text: "Calm down, there's nothing I can do about it.", isFinal: true, startMs: 2000, endMs: 4000 });

    // Written while the call runs: the live record already holds both finals.
    const live = await poll(async () => {
      const r = await api(first.url, '/v1/calls/crash-1');
      const rec = r.json as unknown as CallRecord | null;
      return r.status === 200 && rec!.transcript.length === 2 && rec!.agentLanguage.length === 1 ? rec : null;
    }, 10_000, 'the live record');
    expect(live.status).toBe('live');
    // The recorder writes at most 250 ms apart: give the newest emotion points time to land.
    await new Promise((r) => setTimeout(r, 600));

    first.proc.kill('SIGKILL');
    await once(first.proc, 'exit');

    const second = await spawnServer();
    const res = await api(second.url, '/v1/calls/crash-1');
    expect(res.status).toBe(200);
    const rec = res.json as unknown as CallRecord;
    expect(rec).toMatchObject({ callId: 'crash-1', agentId: 'ag-crash', status: 'incomplete', endedAt: null, endReason: null });
    expect(rec.transcript.map((t) => t.text)).toEqual(['my card number is [CARD ****0366]', "Calm down, there's nothing I can do about it."]);
    expect(rec.agentLanguage[0]!.findings.map((f) => f.kind)).toEqual(expect.arrayContaining(['feeling-denial', 'negative-wording']));
    expect(rec.violationCount).toBeGreaterThanOrEqual(2);
    expect(rec.emotion.length).toBeGreaterThanOrEqual(live.emotion.length);
    const listed = await api(second.url, '/v1/calls?status=incomplete&agentId=ag-crash');
    expect((listed.json.calls as { callId: string }[]).map((c) => c.callId)).toEqual(['crash-1']);
    second.proc.kill('SIGTERM');
    await once(second.proc, 'exit');

    // Nothing unredacted reached the disk, in the database or its write-ahead log.
    const bytes = [dbFile, `${dbFile}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f).toString('latin1')).join('');
    expect(bytes).toContain('crash-1');
    expect(bytes).not.toMatch(/4532 0151|1283 0366/);
  }, TEST_TIMEOUT_MS);

  it('completes the record of a call the process drains on SIGTERM', async () => {
    const server = await spawnServer({ CALLCUE_DRAIN_TIMEOUT_MS: '300' });
    const bridge = await openBridge(server.wsUrl);
    bridge.send(startMessage('drain-1', 'ag-crash', TRACKS));
    await bridge.nextType('started');
    bridge.send({ type: 'transcript', track: 'caller', text: 'I would like to close my account', isFinal: true, startMs: 0, endMs: 1500 });
    await poll(async () => ((await api(server.url, '/v1/calls/drain-1')).status === 200 ? true : null), 10_000, 'the live record');
    server.proc.kill('SIGTERM');
    const [code] = (await once(server.proc, 'exit')) as [number];
    expect(code).toBe(0);
    const store = await openCallStore(`sqlite://${dbFile}`);
    try {
      const rec = (await store.getCall('drain-1'))!;
      expect(rec).toMatchObject({ status: 'complete', endReason: 'shutdown' });
      expect(rec.transcript.map((t) => t.text)).toEqual(['I would like to close my account']);
    } finally {
      await store.close();
    }
  }, TEST_TIMEOUT_MS);
});
