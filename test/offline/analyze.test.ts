// Offline QA: `callcue analyze` runs the live pipeline on a recording and writes the same record —
// so the same call gives the same scorecard live (streamed over /v1/stream) and offline.

import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeWav } from '../../src/cli/wav.js';
import { startTestServer } from '../helpers/server.js';
import { TestSocket } from '../helpers/ws-client.js';
import { audioMessage, openBridge, startMessage } from '../helpers/bridge.js';
import { speechLike } from '../helpers/audio.js';

const run = promisify(execFile);
const RATE = 8000;
const TURNS: ['caller' | 'agent', string][] = [
  ['agent', 'Good morning, thank you for calling First Bank, my name is Anna from the cards team.'],
  ['caller', "This is the third time I'm calling about a double charge and nobody has fixed it!"],
  ['agent', "Calm down, there's nothing I can do about it today."],
  ['caller', 'Then I want to file a complaint and speak to your manager.'],
  ['agent', 'I understand. Let me transfer you to a complaints specialist. Thank you for your patience.'],
];

/** A stereo call: each turn's speech on its speaker's channel, with the transcript of it. */
function makeCall() {
  const turnMs = 3000;
  const n = (TURNS.length * turnMs * RATE) / 1000;
  const caller = new Float32Array(n);
  const agent = new Float32Array(n);
  const transcript = TURNS.map(([track, text], i) => {
    const voice = speechLike(turnMs - 300, { pitchHz: track === 'caller' ? 150 + i * 10 : 210, rateSylPerS: 4.5, amplitude: 0.4 }, RATE, i + 1);
    (track === 'caller' ? caller : agent).set(voice, (i * turnMs * RATE) / 1000);
    return { track, text, isFinal: true, startMs: i * turnMs, endMs: i * turnMs + turnMs - 300 };
  });
  return { caller, agent, transcript };
}

let dir: string;
let server: Awaited<ReturnType<typeof startTestServer>>;
const call = makeCall();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'callcue-analyze-'));
  writeFileSync(join(dir, 'call.wav'), encodeWav([call.caller, call.agent], RATE));
  writeFileSync(join(dir, 'call.json'), JSON.stringify(call.transcript));
  server = await startTestServer({ dbUrl: `sqlite://${join(dir, 'live.db')}` });
});
afterAll(async () => server?.stop());

async function scorecardLive(callId: string) {
  const feed = await TestSocket.open(`${server.wsUrl}/v1/feed?agentId=qa&callId=${callId}`);
  await feed.nextType('hello');
  const b = await openBridge(server.wsUrl);
  b.send(startMessage(callId, 'qa', [{ track: 'caller', encoding: 'pcm16le', sampleRateHz: 8000 }, { track: 'agent', encoding: 'pcm16le', sampleRateHz: 8000 }]));
  await b.nextType('started');
  // The same order as offline: each 20 ms of both tracks, then the transcripts that ended by then.
  const chunk = RATE / 50;
  let next = 0;
  for (let at = 0, k = 0; at < call.caller.length; at += chunk, k++) {
    b.sendBinary(audioMessage(0, call.caller.subarray(at, at + chunk), 'pcm16le'));
    b.sendBinary(audioMessage(1, call.agent.subarray(at, at + chunk), 'pcm16le'));
    const mediaMs = ((at + chunk) / RATE) * 1000;
    while (next < call.transcript.length && call.transcript[next]!.endMs <= mediaMs) b.send({ type: 'transcript', ...call.transcript[next++]! });
    if (k % 25 === 24) await new Promise((r) => setTimeout(r, 2));
  }
  b.send({ type: 'stop' });
  const sc = await feed.nextType('scorecard');
  await feed.nextType('call.ended');
  await feed.close();
  return sc.scorecard as { score: number; criteria: { id: string; score: number | null; evidence: unknown[] }[] };
}

describe('callcue analyze', () => {
  it('gives the same scorecard offline as the call got live, and writes the record', async () => {
    const live = await scorecardLive('qa-live-1');
    const db = `sqlite://${join(dir, 'offline.db')}`;
    const { stdout } = await run(process.execPath, ['dist/src/cli/main.js', 'analyze', join(dir, 'call.wav'), '--transcript', join(dir, 'call.json'), '--db', db, '--call', 'qa-offline-1', '--agent', 'qa'], { timeout: 60_000 });
    const out = JSON.parse(stdout.trim().split('\n').at(-1)!);
    expect(out.callId).toBe('qa-offline-1');
    // Faster than real time.
    expect(out.speedX).toBeGreaterThan(1);
    const offline = out.scorecard as typeof live;
    expect(offline.criteria.map((c) => [c.id, c.score])).toEqual(live.criteria.map((c) => [c.id, c.score]));
    expect(offline.score).toBe(live.score);
    // The scorecard a reviewer reads: the language breach and the unanswered anger, with times.
    const wording = offline.criteria.find((c) => c.id === 'wording')!;
    expect(wording.score).toBeLessThan(1);
    expect(JSON.stringify(wording.evidence)).toMatch(/Calm down/);
    const escalation = offline.criteria.find((c) => c.id === 'escalation')!;
    expect(escalation.score).toBe(1); // "transfer you to a complaints specialist"
    expect(out.prompts).toEqual(expect.arrayContaining(['empathy.onset.anger', 'language.feeling-denial']));
    // The record is in the offline database too, complete.
    const { stdout: again } = await run(process.execPath, ['dist/src/cli/main.js', 'analyze', join(dir, 'call.wav'), '--transcript', join(dir, 'call.json'), '--db', db, '--call', 'qa-offline-2', '--record'], { timeout: 60_000 });
    const record = JSON.parse(again.trim().split('\n').at(-1)!);
    // The recording's 15 s, not the time the analysis took.
    expect(record).toMatchObject({ callId: 'qa-offline-2', source: 'offline', status: 'complete', durationMs: TURNS.length * 3000 });
    expect(record.transcript).toHaveLength(TURNS.length);
  }, 120_000); // two analyze processes, each loading the models: slow on a busy machine

  it('run beside a live service on its database, writes nothing there unless asked and never closes out the service’s calls', async () => {
    const liveDb = `sqlite://${join(dir, 'live.db')}`;
    const { store, recorder } = server.app.callcue;
    // A call in progress on the service, its record already written.
    const b = await openBridge(server.wsUrl);
    b.send(startMessage('qa-running-1', 'qa', [{ track: 'caller', encoding: 'pcm16le', sampleRateHz: 8000 }]));
    await b.nextType('started');
    b.send({ type: 'transcript', track: 'caller', text: 'I am still on the line', isFinal: true, startMs: 0, endMs: 1500 });
    for (let i = 0; i < 100 && (await store.getCall('qa-running-1'))?.transcript.length !== 1; i++) {
      await recorder.flush();
      await new Promise((r) => setTimeout(r, 50));
    }
    expect((await store.getCall('qa-running-1'))!.status).toBe('live');
    const analyze = (...extra: string[]) =>
      run(process.execPath, ['dist/src/cli/main.js', 'analyze', join(dir, 'call.wav'), '--transcript', join(dir, 'call.json'), ...extra], {
        timeout: 60_000,
        // As an operator would run it, in the service's own shell.
        env: { ...process.env, CALLCUE_DB_URL: liveDb },
      });
    // By default the record is printed, not stored: the service's database does not change.
    const { stdout } = await analyze('--call', 'qa-beside-1', '--record');
    expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).toMatchObject({ callId: 'qa-beside-1', source: 'offline', status: 'complete' });
    expect(await store.getCall('qa-beside-1')).toBeNull();
    expect((await store.listCalls({ limit: 50 })).calls.map((c) => c.callId)).not.toContain('qa-beside-1');
    expect((await store.getCall('qa-running-1'))!.status).toBe('live');
    // Asked to (--db), it adds its own record — and still leaves the live call alone.
    await analyze('--call', 'qa-beside-2', '--db', liveDb);
    expect(await store.getCall('qa-beside-2')).toMatchObject({ source: 'offline', status: 'complete' });
    expect((await store.getCall('qa-running-1'))!.status).toBe('live');
    b.send({ type: 'stop' });
    await b.nextType('stopped').catch(() => undefined);
  }, 120_000);

  it('answers a missing file with a clear error line and exit code 1', async () => {
    const r = await run(process.execPath, ['dist/src/cli/main.js', 'analyze', join(dir, 'nope.wav'), '--db', 'sqlite::memory:']).catch((e: { code: number; stdout: string }) => e);
    expect((r as { code: number }).code).toBe(1);
    expect(JSON.parse((r as { stdout: string }).stdout)).toMatchObject({ error: { code: 'FILE_NOT_FOUND' } });
  }, 120_000);
});
