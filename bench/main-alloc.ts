// What the main thread (sockets, ingest, the workers' messages, feeds, recorder) allocates per
// call-second, and how often it scavenges: the bench's server and calls (`npm run bench`'s material,
// warm-up and pacing), with V8's sampling heap profiler and a scavenge counter on the server's main
// thread for the measured calls only (bench/lib/main-heap-preload.ts). Allocation is set by the code
// and the calls, not by the machine's load, so a before/after comparison holds on a busy machine
// (as long as nothing is shed: the run says so) — unlike the main thread's CPU time.
//   node dist/bench/main-alloc.js [--calls 100] [--duration-s 30] [--data DIR]

import { existsSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { spawnNode } from '../src/cli/soak-node.js';
import { packagePath } from '../src/config/paths.js';
import { assembleCall, loadUtterances } from './lib/calls.js';
import { streamCall } from './lib/stream-call.js';

const { values: args } = parseArgs({
  options: {
    calls: { type: 'string', default: '100' },
    'duration-s': { type: 'string', default: '30' },
    data: { type: 'string', default: '../shared/data' },
  },
});
const calls = Number(args.calls);
const durationMs = Number(args['duration-s']) * 1000;
const chunkMs = 20;

const speakers = loadUtterances(args.data!);
const out = join(tmpdir(), `callcue-main-alloc-${process.pid}.json`);
const node = await spawnNode(
  {
    CALLCUE_MAX_CALLS: '2000',
    CALLCUE_MAX_CALLS_PER_KEY: '2000',
    CALLCUE_DB_URL: `sqlite://${join(tmpdir(), `callcue-main-alloc-${process.pid}.db`)}`,
    CALLCUE_MAIN_HEAP_OUT: out,
  },
  { nodeArgs: ['--import', packagePath('dist/bench/lib/main-heap-preload.js')], startTimeoutMs: 120_000 },
);
// The bench's warm-up: code compiled and heaps grown before anything is counted.
const warm = Array.from({ length: 6 }, (_, i) => assembleCall(speakers, calls + i, 6000));
await Promise.all(warm.map((c, i) => streamCall(node.wsUrl, `warmup-${i}`, c, { chunkMs, startDelayMs: i * 50, speed: 1.5 })));
const load1 = loadavg()[0]!;
node.proc.kill('SIGUSR2');
const results = await Promise.all(
  Array.from({ length: calls }, (_, i) => streamCall(node.wsUrl, `alloc-${i}`, assembleCall(speakers, i, durationMs), { chunkMs, startDelayMs: (i * 1000) / calls, speed: 1 })),
);
node.proc.kill('SIGUSR2');
for (let i = 0; i < 600 && !existsSync(out); i++) await new Promise((r) => setTimeout(r, 100));
await node.stop();
const m = JSON.parse(readFileSync(out, 'utf8')) as { bytes: number; scavenges: number; scavengeMs: number; top: [string, number][]; error?: string };
rmSync(out, { force: true });
if (m.error) throw new Error(m.error);
const shed = results.reduce((a, r) => a + r.shedFrames, 0);
const callSeconds = calls * (durationMs / 1000) - (shed * chunkMs) / 1000 / 2;
const perCallS = (x: number) => Math.round(x / callSeconds);
process.stdout.write(
  `main thread, ${calls} calls × ${durationMs / 1000} s (load ${load1.toFixed(1)}${shed > 0 ? `; ${shed} messages shed: figures not comparable` : ''}):\n` +
    `  allocated ${perCallS(m.bytes)} bytes per call-second (sampled), ${(m.scavenges / (durationMs / 1000)).toFixed(2)} scavenges a second (${(m.scavengeMs / Math.max(1, m.scavenges)).toFixed(2)} ms each)\n` +
    m.top.map(([where, b]) => `  ${String(perCallS(b)).padStart(8)}  ${where}`).join('\n') +
    '\n' +
    `${JSON.stringify({ bench: 'main-alloc', calls, durationS: durationMs / 1000, load1, shed, allocatedBytesPerCallS: perCallS(m.bytes), scavengesPerS: m.scavenges / (durationMs / 1000), scavengeMsEach: m.scavengeMs / Math.max(1, m.scavenges) })}\n`,
);
