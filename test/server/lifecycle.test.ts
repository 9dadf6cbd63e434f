// The process as an operator runs it: health and readiness endpoints, metrics, and SIGTERM
// draining live calls (the feed is told why) before a clean exit.

import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { TestSocket } from '../helpers/ws-client.js';
import { openBridge, startMessage, streamAudio, type BridgeTrack } from '../helpers/bridge.js';
import { speechLike } from '../helpers/audio.js';
import { spawnNode } from '../../src/cli/soak-node.js';

const TRACK: BridgeTrack = { track: 'caller', encoding: 'pcm16le', sampleRateHz: 8000 };
let child: ChildProcess | null = null;

afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
});

async function spawnServer(env: Record<string, string>): Promise<{ url: string; wsUrl: string; proc: ChildProcess; log: () => string }> {
  const node = await spawnNode(env);
  child = node.proc;
  return node;
}

describe('the service process', () => {
  it('serves /healthz, /readyz and /metrics, logs that it is open on loopback, and drains on SIGTERM', async () => {
    // A deep queue: the test streams at 20× real time on a shared machine; shedding has its own tests.
    const { url, wsUrl, proc, log: logged } = await spawnServer({ CALLCUE_DRAIN_TIMEOUT_MS: '300', CALLCUE_MAX_QUEUED_AUDIO_FRAMES: '5000' });
    expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${url}/readyz`)).json()).toMatchObject({ status: 'ready' });

    const feed = await TestSocket.open(`${wsUrl}/v1/feed?agentId=a1`);
    await feed.nextType('hello');
    const bridge = await openBridge(wsUrl);
    bridge.send(startMessage('call-drain', 'a1', [TRACK]));
    await bridge.nextType('started');
    await streamAudio(bridge, 0, speechLike(1500, { pitchHz: 150, rateSylPerS: 4, amplitude: 0.4 }), TRACK, 20, 20);
    bridge.send({ type: 'transcript', track: 'caller', text: 'my secret balance question', isFinal: true, startMs: 0, endMs: 1000 });
    await feed.next((m) => m.type === 'transcript');

    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/callcue_active_calls 1/);
    expect(metrics).toMatch(/callcue_stage_duration_ms_bucket\{le="[^"]+",stage="features"\}/);
    expect(metrics).toMatch(/callcue_event_latency_ms_count\{type="emotion"\} [1-9]/);
    expect(metrics).toMatch(/callcue_shed_frames_total 0/);
    // The per-stage profile (npm run bench -- --profile): the bridge's messages on the main thread,
    // the frame analysis in a pipeline worker, and each thread's CPU and event-loop time.
    expect(metrics).toMatch(/callcue_stage_busy_seconds_total\{thread="main",stage="ingest"\} [0-9.e-]+/);
    expect(metrics).toMatch(/callcue_stage_busy_seconds_total\{thread="worker-\d",stage="frames"\} [0-9.e-]+/);
    expect(metrics).toMatch(/callcue_thread_cpu_seconds_total\{thread="worker-\d"\} [0-9.e-]+/);
    expect(metrics).toMatch(/callcue_thread_active_seconds_total\{thread="main"\} [0-9.e-]+/);

    proc.kill('SIGTERM');
    const ended = await feed.next((m) => m.type === 'call.ended');
    expect(ended.reason).toBe('shutdown');
    const [code] = (await once(proc, 'exit')) as [number];
    expect(code).toBe(0);
    const log = logged();
    expect(log).toMatch(/accepting unauthenticated connections on loopback only/);
    // Transcripts never reach the log.
    expect(log).not.toContain('secret balance');
  });

  it('refuses to start bound beyond loopback without credentials', async () => {
    const proc = spawn(process.execPath, ['dist/src/main.js'], { env: { ...process.env, PORT: '0', HOST: '0.0.0.0', CALLCUE_DB_URL: 'sqlite::memory:' }, stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    let err = '';
    proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    const [code] = (await once(proc, 'exit')) as [number];
    expect(code).toBe(2);
    expect(err).toMatch(/credentials are required/);
  });
});
