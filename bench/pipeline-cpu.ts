// The pipelines' CPU without sockets: N bench calls (the same material as `npm run bench`) pushed
// through the real per-call pipeline (LocalRunner, the models, the playbook) in this one thread,
// message by message, as fast as the thread allows, and the thread's CPU per call-second by stage.
// This is the pipeline-worker side of `npm run bench -- --profile`, repeatable enough to compare a
// change before and after on a busy machine (and small enough to run under
// `valgrind --tool=callgrind` for instruction counts):
//   node dist/bench/pipeline-cpu.js --calls 20 --duration-s 30 [--synthetic] [--data DIR]
// and instruction counts of the measured pass: bench/callgrind.sh DIST_DIR [ARGS] (from the repo root).

import { existsSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadProsodyModel } from '../src/classifiers/prosody.js';
import { packagePath } from '../src/config/paths.js';
import type { EventPayload } from '../src/frames/events.js';
import { Metrics } from '../src/observability/metrics.js';
import { stageClock, STAGES } from '../src/observability/stage-clock.js';
import { LocalRunner, type PipelineRun } from '../src/pipeline/runner.js';
import { loadPlaybookFile } from '../src/policy/store.js';
import { loadTextEmotion } from '../src/text/emotion/index.js';
import { warmAgentLanguageRules } from '../src/text/language/index.js';
import { assembleCall, loadUtterances, syntheticCall, type BenchCall } from './lib/calls.js';
import { callMessages } from './lib/messages.js';
import { table } from './lib/stats.js';

const { values: args } = parseArgs({
  options: {
    calls: { type: 'string', default: '20' },
    'duration-s': { type: 'string', default: '30' },
    'chunk-ms': { type: 'string', default: '20' },
    data: { type: 'string', default: '../shared/data' },
    synthetic: { type: 'boolean', default: false },
    /** Messages per track handed to the pipelines per event-loop turn (a worker's batch). */
    'batch-messages': { type: 'string', default: '1' },
    /**
     * For instruction counts of the measured pass alone: after the warm-up, write PATH.ready and wait
     * for PATH to exist (turn callgrind's instrumentation on meanwhile); write PATH.done after it.
     */
    'wait-file': { type: 'string' },
  },
});

const n = Number(args.calls);
const durationMs = Number(args['duration-s']) * 1000;
const chunkMs = Number(args['chunk-ms']);
const turn = () => new Promise<void>((r) => setImmediate(r));

function material(): BenchCall[] {
  if (args.synthetic) return Array.from({ length: n }, (_, i) => syntheticCall(i, durationMs));
  try {
    const speakers = loadUtterances(args.data!);
    return Array.from({ length: n }, (_, i) => assembleCall(speakers, i, durationMs));
  } catch (err) {
    process.stderr.write(`pipeline-cpu: ${(err as Error).message}\n`);
    process.exit(2);
  }
}

/** Streams the calls' messages through their pipelines, message by message; resolves to the events emitted. */
async function runCalls(runner: LocalRunner, calls: BenchCall[], prefix: string): Promise<number> {
  let events = 0;
  let ended = 0;
  const runs: PipelineRun[] = calls.map((_, i) =>
    runner.run(
      {
        callId: `${prefix}-${i}`,
        agentId: `agent-${i}`,
        language: 'en-US',
        tracks: [
          { track: 'caller', encoding: 'mulaw', sampleRateHz: 8000 },
          { track: 'agent', encoding: 'mulaw', sampleRateHz: 8000 },
        ],
        jargon: [],
        maxQueuedAudio: 1e9,
        windowMs: 3000,
        emotionIntervalMs: 250,
        minSpeechMs: 600,
      },
      {
        event: (_ev: EventPayload) => events++,
        shed: () => undefined,
        error: (err) => {
          throw err;
        },
        complete: () => ended++,
      },
    ),
  );
  const messages = calls.map((c) => callMessages(c, chunkMs));
  const batch = Number(args['batch-messages']);
  const chunks = messages[0]!.length;
  const next = calls.map(() => 0);
  for (let k = 0; k < chunks; k += batch) {
    for (let i = 0; i < calls.length; i++) {
      const call = calls[i]!;
      const callId = `${prefix}-${i}`;
      for (let b = k; b < Math.min(chunks, k + batch); b++) {
        const tsMs = b * chunkMs;
        for (let track = 0; track < 2; track++) {
          runs[i]!.push({ kind: 'raw-audio', callId, track: track === 0 ? 'caller' : 'agent', encoding: 'mulaw', sampleRateHz: 8000, bytes: messages[i]![b]![track]!.subarray(1), tsMs, arrivalMs: performance.now() });
        }
        while (next[i]! < call.transcript.length && call.transcript[next[i]!]!.endMs <= tsMs + chunkMs) {
          const t = call.transcript[next[i]!++]!;
          runs[i]!.push({ kind: 'transcript', callId, ...t, isFinal: true, tsMs: t.endMs, arrivalMs: performance.now() });
        }
      }
    }
    await turn();
  }
  for (const r of runs) r.complete();
  while (ended < runs.length) await turn();
  return events;
}

async function main() {
  const calls = material();
  const modelsDir = packagePath('models');
  const [prosodyModel, textModel] = await Promise.all([loadProsodyModel(modelsDir), loadTextEmotion(modelsDir)]);
  warmAgentLanguageRules([]);
  const playbook = loadPlaybookFile(packagePath('playbooks/default.json'));
  const metrics = new Metrics(false);
  const runner = new LocalRunner({ metrics, prosodyModel, textModel, playbook: () => playbook });
  // A warm-up pass first (two calls), so the measured one does not pay for compiling the code.
  // Encoded before the measurement (callMessages keeps them): the bench client's work, not the pipelines'.
  for (const c of calls) callMessages(c, chunkMs);
  await runCalls(runner, calls.slice(0, 2), 'warm');
  const waitFile = args['wait-file'];
  if (waitFile) {
    writeFileSync(`${waitFile}.ready`, '');
    while (!existsSync(waitFile)) await new Promise((r) => setTimeout(r, 50));
  }
  const before = stageClock.snapshot();
  const cpu0 = process.cpuUsage();
  const events = await runCalls(runner, calls, 'cpu');
  const cpu = process.cpuUsage(cpu0);
  if (waitFile) writeFileSync(`${waitFile}.done`, '');
  const after = stageClock.snapshot();
  const callSeconds = n * (durationMs / 1000);
  const cpuMs = (after.cpuMs ?? 0) - (before.cpuMs ?? 0);
  const activeMs = after.activeMs - before.activeMs;
  const scale = activeMs > 0 ? Math.min(1, cpuMs / activeMs) : 1;
  const us = (ms: number) => Math.round((ms * 1000) / callSeconds);
  const rows: { stage: string; us: number }[] = STAGES.map((s) => ({ stage: s as string, us: us((after.stageMs[s] - before.stageMs[s]) * scale) })).filter((r) => r.us > 0);
  const staged = rows.reduce((a, r) => a + r.us, 0);
  rows.push({ stage: 'other (this thread)', us: Math.max(0, us(cpuMs) - staged) });
  rows.push({ stage: 'other threads (GC helpers)', us: Math.max(0, Math.round((cpu.user + cpu.system) / callSeconds) - us(cpuMs)) });
  const total = rows.reduce((a, r) => a + r.us, 0);
  process.stdout.write(`${table([...rows.map((r) => ({ stage: r.stage, 'CPU µs per call-s': r.us })), { stage: 'total', 'CPU µs per call-s': total }])}\n`);
  process.stdout.write(`(${callSeconds} call-seconds, ${events} events; thread CPU/active ${scale.toFixed(2)})\n`);
  process.stdout.write(`${JSON.stringify({ bench: 'pipeline-cpu', calls: n, durationS: durationMs / 1000, callSeconds, events, usPerCallS: Object.fromEntries(rows.map((r) => [r.stage, r.us])), totalUsPerCallS: total })}\n`);
}

await main();
