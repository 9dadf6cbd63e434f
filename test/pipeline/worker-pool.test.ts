// The pipeline worker pool with a real worker thread (the compiled dist/ script, as the service runs
// it): a call's words do not wait behind other calls' audio of the same batch, and nothing is lost
// or reordered within a call on the way.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packagePath } from '../../src/config/paths.js';
import type { EventPayload } from '../../src/frames/events.js';
import { Metrics } from '../../src/observability/metrics.js';
import { loadPlaybookFile } from '../../src/policy/store.js';
import type { RunOptions } from '../../src/pipeline/runner.js';
import { WorkerPool } from '../../src/pipeline/worker-pool.js';

const RATE_HZ = 8000;
const CHUNK_MS = 20;

function options(callId: string): RunOptions {
  return {
    callId,
    agentId: `agent-${callId}`,
    tracks: [{ track: 'caller', encoding: 'mulaw', sampleRateHz: RATE_HZ }],
    language: 'en-US',
    jargon: [],
    maxQueuedAudio: 100_000,
    windowMs: 3000,
    emotionIntervalMs: 250,
    minSpeechMs: 600,
  };
}

/** A chunk of μ-law "speech": a 180 Hz buzz whose loudness wanders, so frames carry voice. */
function chunk(k: number): Uint8Array {
  const n = (RATE_HZ * CHUNK_MS) / 1000;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const t = (k * n + i) / RATE_HZ;
    const x = Math.sin(2 * Math.PI * 180 * t) * (0.3 + 0.2 * Math.sin(2 * Math.PI * 0.7 * t));
    // μ-law of x (G.711), enough for a test signal.
    const s = Math.max(-32635, Math.min(32635, Math.round(x * 32767)));
    const sign = s < 0 ? 0x80 : 0;
    const m = Math.abs(s) + 0x84;
    let exp = 7;
    for (let mask = 0x4000; (m & mask) === 0 && exp > 0; mask >>= 1) exp--;
    out[i] = ~(sign | (exp << 4) | ((m >> (exp + 3)) & 0x0f)) & 0xff;
  }
  return out;
}

describe('WorkerPool', () => {
  let pool: WorkerPool;
  beforeAll(async () => {
    pool = await WorkerPool.start(
      1,
      { worker: packagePath('dist/src/pipeline/worker-main.js'), prepare: packagePath('dist/src/pipeline/worker-prepare.js') },
      { modelsDir: packagePath('models'), prosody: true, text: true, playbook: loadPlaybookFile(packagePath('playbooks/default.json')), jargon: [], plugged: null },
      new Metrics(false),
    );
  }, 60_000);
  afterAll(async () => pool?.close());

  it("hands a call's words to its pipeline before other calls' audio of the same batch, and keeps each call's order", async () => {
    const seen: { callId: string; ev: EventPayload }[] = [];
    const done = new Map<string, () => void>();
    const run = (callId: string) => {
      const ended = new Promise<void>((r) => done.set(callId, r));
      const r = pool.run(options(callId), {
        event: (ev) => seen.push({ callId, ev }),
        shed: () => {
          throw new Error('nothing may be shed here');
        },
        error: (err) => {
          throw err;
        },
        complete: () => done.get(callId)!(),
      });
      return { r, ended };
    };
    const busy = run('busy');
    const words = run('words');
    const sentAtMs = performance.timeOrigin + performance.now();
    const audio = (callId: string, k: number) => ({
      kind: 'raw-audio' as const,
      callId,
      track: 'caller' as const,
      encoding: 'mulaw' as const,
      sampleRateHz: RATE_HZ,
      bytes: chunk(k),
      tsMs: k * CHUNK_MS,
      arrivalMs: sentAtMs,
    });
    // One turn: eight seconds of one call's audio, then a little of another's and its words: one batch.
    for (let k = 0; k < 400; k++) busy.r.push(audio('busy', k));
    for (let k = 0; k < 5; k++) words.r.push(audio('words', k));
    words.r.push({ kind: 'transcript', callId: 'words', track: 'caller', text: 'I am furious, this is the third time I called about this charge', isFinal: true, startMs: 0, endMs: 100, tsMs: 100, arrivalMs: sentAtMs });
    busy.r.complete();
    words.r.complete();
    await Promise.all([busy.ended, words.ended]);

    const firstBusy = seen.findIndex((s) => s.callId === 'busy' && s.ev.type === 'emotion');
    const transcript = seen.findIndex((s) => s.callId === 'words' && s.ev.type === 'transcript');
    expect(firstBusy).toBeGreaterThanOrEqual(0);
    expect(transcript).toBeGreaterThanOrEqual(0);
    expect(transcript).toBeLessThan(firstBusy);
    // Every audio message was taken in, in order: the busy call's emotion states cover its audio.
    const busyTs = seen.filter((s) => s.callId === 'busy' && s.ev.type === 'emotion').map((s) => (s.ev as { tsMs: number }).tsMs);
    expect(busyTs).toEqual([...busyTs].sort((a, b) => a - b));
    expect(busyTs.at(-1)).toBeGreaterThanOrEqual(7500);
  }, 60_000);
});
