// `npm run bench`: N concurrent stereo calls streamed in real time over /v1/stream to a callcue
// process, a feed per agent; prints audio-to-emotion latency (server-stamped latencyMs and
// client-measured), transcript latency, server CPU and RSS (with RSS per added call: bench/lib/rss.ts), and shed frames,
// as a table and JSON (bench/results/). `--find-max` searches for the most calls that hold the budget with nothing shed.
// Calls start evenly spread over --ramp-s (default 1 s): independent calls do not all start in the
// same 20 ms. If they do (--ramp-s 0.02), every call's 250 ms windows fall due in the same few
// milliseconds and wait for each other: the worst case, worth measuring too.
// `--nodes 2 --bus redis` runs a cluster: bridges on node 1, feeds on node 2, events across Redis.
// Each run first streams a few short warm-up calls, so the figures are those of a node that has been
// running (code compiled, heaps grown), not of its first seconds.
// `--profile` prints where the server's CPU went, stage by stage, in CPU µs per call-second
// (bench/lib/profile.ts; every run's JSON carries it), `--floor` the least any analysis of the same
// calls could cost (bench/lib/floor.ts) and the server's cost as a multiple of it. `--cpu-prof DIR`
// writes a V8 CPU profile of the server (what `--profile DIR` did before the per-stage profile).
// `--publish KEY` also writes the report to bench/published/KEY.json, where the README's figures come
// from (bench/readme.ts; bench/publish.ts measures them all).
// `--words side` sends every call's transcript over one /v1/transcripts socket (a recogniser beside
// the audio, docs/transcripts.md) instead of in-band: the prompt column is then side channel → prompt.
// `--voice-model DIR --text-model DIR [--voice-hop-ms MS]` runs the calls through plugged models
// (docs/models.md; bench/plugged-models.ts makes directories of the common sizes).

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { assembleCall, loadUtterances, syntheticCall, type BenchCall } from './lib/calls.js';
import { rssMb, sampleProcess } from './lib/proc.js';
import { startCluster } from './lib/cluster.js';
import { openSideChannel, streamCall } from './lib/stream-call.js';
import { summarize, table } from './lib/stats.js';
import { rssAboveIdlePerCallMb, rssSlopeMbPerCall } from './lib/rss.js';
import { callMessages } from './lib/messages.js';
import { readCounters, stageProfile } from './lib/profile.js';
import { measureFloor } from './lib/floor.js';
import { profileTable } from './lib/profile-table.js';
import { describeMachine, measuredBusy, writePublished } from '../src/capacity/index.js';

const { values: args } = parseArgs({
  options: {
    calls: { type: 'string', default: '100' },
    'duration-s': { type: 'string', default: '30' },
    data: { type: 'string', default: '../shared/data' },
    synthetic: { type: 'boolean', default: false },
    'find-max': { type: 'boolean', default: false },
    'budget-ms': { type: 'string', default: '100' },
    'chunk-ms': { type: 'string', default: '20' },
    'ramp-s': { type: 'string', default: '1' },
    out: { type: 'string', default: 'bench/results' },
    /** Print the per-stage CPU profile of the server. */
    profile: { type: 'boolean', default: false },
    /** Measure the floor (decode + framing + FFT of the same calls) and print the server's cost as a multiple of it. */
    floor: { type: 'boolean', default: false },
    /** Write a V8 CPU profile of the server to this folder. */
    'cpu-prof': { type: 'string' },
    /** Also write the report to bench/published/KEY.json, where the README's figures come from (bench/readme.ts). */
    publish: { type: 'string' },
    nodes: { type: 'string', default: '1' },
    /** Plugged models (docs/models.md): the server runs with CALLCUE_VOICE_MODEL / CALLCUE_TEXT_MODEL set to these directories. */
    'voice-model': { type: 'string' },
    'text-model': { type: 'string' },
    'voice-hop-ms': { type: 'string' },
    bus: { type: 'string', default: 'local' },
    /** in-band: transcripts on each call's /v1/stream; side: all on one /v1/transcripts socket. */
    words: { type: 'string', default: 'in-band' },
  },
});
if (args.words !== 'in-band' && args.words !== 'side') {
  process.stderr.write('bench: --words must be in-band or side\n');
  process.exit(2);
}

const durationMs = Number(args['duration-s']) * 1000;
const budgetMs = Number(args['budget-ms']);
const chunkMs = Number(args['chunk-ms']);
const rampMs = Number(args['ramp-s']) * 1000;
const nodeCount = Number(args.nodes);
const bus = args.bus === 'redis' ? 'redis' : 'local';
const pluggedEnv: Record<string, string> = {
  ...(args['voice-model'] ? { CALLCUE_VOICE_MODEL: args['voice-model'] } : {}),
  ...(args['text-model'] ? { CALLCUE_TEXT_MODEL: args['text-model'] } : {}),
  ...(args['voice-hop-ms'] ? { CALLCUE_VOICE_MODEL_HOP_MS: args['voice-hop-ms'] } : {}),
};

/** Call material of the given length: the corpus, or --synthetic. */
function material(): (i: number, callMs?: number) => BenchCall {
  if (args.synthetic) return (i, callMs = durationMs) => syntheticCall(i, callMs);
  try {
    const speakers = loadUtterances(args.data!);
    return (i, callMs = durationMs) => assembleCall(speakers, i, callMs);
  } catch (err) {
    process.stderr.write(`bench: ${(err as Error).message}\n`);
    process.exit(2);
  }
}

/** Calls streamed before the measured ones, so the figures are those of a node that has been running. */
const WARMUP = { calls: 6, callMs: 6000, speed: 1.5 };

async function runOnce(n: number, makeCall: (i: number, callMs?: number) => BenchCall) {
  const calls = Array.from({ length: n }, (_, i) => makeCall(i));
  for (const c of calls) callMessages(c, chunkMs);
  const cpuProf = args['cpu-prof'];
  const cluster = await startCluster(nodeCount, bus, { CALLCUE_LATENCY_BUDGET_MS: String(budgetMs), ...pluggedEnv }, cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${cpuProf}`] : []);
  const server = cluster.bridgeNode;
  const feedWsUrl = cluster.feedNode.wsUrl;
  const idleRssMb = rssMb(server.proc.pid!);
  // Warm-up: the code compiled and the heaps grown, as on a node that has been running.
  const warm = Array.from({ length: WARMUP.calls }, (_, i) => makeCall(n + i, WARMUP.callMs));
  await Promise.all(warm.map((c, i) => streamCall(server.wsUrl, `warmup-${n}-${i}`, c, { chunkMs, startDelayMs: i * 50, speed: WARMUP.speed, feedWsUrl })));
  const countersBefore = await readCounters(server.url);
  const sampler = sampleProcess(server.proc.pid!, 1000);
  const feedSampler = cluster.feedNode !== server ? sampleProcess(cluster.feedNode.proc.pid!, 1000) : null;
  const redisSampler = cluster.redis ? sampleProcess(cluster.redis.proc.pid!, 1000) : null;
  const side = args.words === 'side' ? await openSideChannel(server.wsUrl) : null;
  const clientCpu0 = process.cpuUsage();
  const results = await Promise.all(
    calls.map((c, i) => streamCall(server.wsUrl, `bench-${n}-${i}`, c, { chunkMs, startDelayMs: (i * rampMs) / n, speed: 1, feedWsUrl, sideChannel: side?.ws })),
  );
  side?.ws.close();
  const clientCpu = process.cpuUsage(clientCpu0);
  const { cpu, rss } = sampler.stop();
  // Per call-second of audio the server analysed: shed messages (one track's chunk each) were not.
  const shed = results.reduce((a, r) => a + r.shedFrames, 0);
  const profile = stageProfile(countersBefore, await readCounters(server.url), n * (durationMs / 1000) - (shed * chunkMs) / 1000 / 2);
  const feedNode = feedSampler?.stop();
  const redisProc = redisSampler?.stop();
  await cluster.stop();
  const floor = args.floor ? measureFloor(calls, chunkMs, durationMs / 1000) : null;
  const all = (k: 'eventLatencyMs' | 'clientLatencyMs' | 'transcriptLatencyMs' | 'promptLatencyMs' | 'voicePromptLatencyMs') => results.flatMap((r) => r[k]);
  return {
    calls: n,
    durationS: durationMs / 1000,
    emotionLatencyMs: summarize(all('eventLatencyMs')),
    clientLatencyMs: summarize(all('clientLatencyMs')),
    transcriptLatencyMs: summarize(all('transcriptLatencyMs')),
    /** Prompts a transcript raised: transcript final → prompt (server-stamped). */
    promptLatencyMs: summarize(all('promptLatencyMs')),
    /** Prompts an emotion state raised: newest audio → prompt (server-stamped), kept apart from the above. */
    voicePromptLatencyMs: summarize(all('voicePromptLatencyMs')),
    emotions: results.reduce((a, r) => a + r.emotions, 0),
    shedFrames: results.reduce((a, r) => a + r.shedFrames, 0),
    errors: results.flatMap((r) => r.errors).length + (side?.errors.length ?? 0),
    ...(side ? { wordsRefused: Object.fromEntries([...new Set(side.errors)].map((c) => [c, side.errors.filter((e) => e === c).length])) } : {}),
    serverCpuPct: summarize(cpu.slice(1)),
    serverRssMb: summarize(rss),
    /** Right after start, before any call. */
    idleRssMb,
    /** (serverRssMb.max − idleRssMb) / calls: RSS per added call, an upper bound (bench/lib/rss.ts). */
    rssAboveIdlePerCallMb: rssAboveIdlePerCallMb({ calls: n, serverRssMb: summarize(rss), idleRssMb }),
    ...(feedNode ? { feedNodeCpuPct: summarize(feedNode.cpu.slice(1)), feedNodeRssMb: summarize(feedNode.rss) } : {}),
    ...(redisProc ? { redisCpuPct: summarize(redisProc.cpu.slice(1)), redisRssMb: summarize(redisProc.rss) } : {}),
    profile,
    /** The bench client's own CPU per call-second: it shares the machine with the server. */
    clientUsPerCallS: Math.round((clientCpu.user + clientCpu.system) / (n * (durationMs / 1000))),
    ...(floor ? { floor, timesFloor: Math.round((profile.totalUsPerCallS / floor.usPerCallS) * 10) / 10 } : {}),
  };
}

type Run = Awaited<ReturnType<typeof runOnce>>;

const passes = (r: Run) => r.emotionLatencyMs.p99 <= budgetMs && r.clientLatencyMs.p99 <= budgetMs && r.shedFrames === 0 && r.errors === 0;

function row(r: Run) {
  return {
    calls: r.calls,
    'emotion p50': r.emotionLatencyMs.p50,
    p95: r.emotionLatencyMs.p95,
    p99: r.emotionLatencyMs.p99,
    'client p50': r.clientLatencyMs.p50,
    'client p95': r.clientLatencyMs.p95,
    'client p99': r.clientLatencyMs.p99,
    'transcript p99': r.transcriptLatencyMs.p99,
    prompts: r.promptLatencyMs.n,
    'prompt p50': r.promptLatencyMs.p50,
    'prompt p99': r.promptLatencyMs.p99,
    'voice prompts': r.voicePromptLatencyMs.n,
    'voice prompt p99': r.voicePromptLatencyMs.p99,
    'cpu % p50': Math.round(r.serverCpuPct.p50),
    'cpu % max': Math.round(r.serverCpuPct.max),
    'rss MB max': r.serverRssMb.max,
    'idle rss MB': r.idleRssMb,
    'rss MB/call': r.rssAboveIdlePerCallMb ?? '—',
    ...(r.feedNodeCpuPct ? { 'feed node cpu % p50': Math.round(r.feedNodeCpuPct.p50), 'feed node rss MB': r.feedNodeRssMb!.max } : {}),
    ...(r.redisCpuPct ? { 'redis cpu % p50': Math.round(r.redisCpuPct.p50) } : {}),
    shed: r.shedFrames,
    errors: r.errors,
    'within budget': passes(r) ? 'yes' : 'no',
  };
}

async function main() {
  // Before anything of ours runs: whether the machine was quiet is part of the result.
  const machine = describeMachine();
  const makeCall = material();
  const runs: Run[] = [];
  let maxCalls: number | undefined;
  if (args['find-max']) {
    let lo = 0;
    let hi = 0;
    for (let n = 50; ; n += 50) {
      const r = await runOnce(n, makeCall);
      runs.push(r);
      process.stdout.write(`${JSON.stringify(row(r))}\n`);
      if (args.profile) process.stdout.write(`${profileTable(r.profile, r.floor ?? null, r.clientUsPerCallS)}\n`);
      if (!passes(r)) {
        hi = n;
        break;
      }
      lo = n;
      if (n >= 1000) break;
    }
    while (hi - lo > 10 && hi > 0) {
      const mid = Math.round((lo + hi) / 2);
      const r = await runOnce(mid, makeCall);
      runs.push(r);
      process.stdout.write(`${JSON.stringify(row(r))}\n`);
      if (args.profile) process.stdout.write(`${profileTable(r.profile, r.floor ?? null, r.clientUsPerCallS)}\n`);
      if (passes(r)) lo = mid;
      else hi = mid;
    }
    maxCalls = lo;
    process.stdout.write(`\nmost concurrent calls within p99 ≤ ${budgetMs} ms and nothing shed: ${lo}\n`);
  } else {
    const r = await runOnce(Number(args.calls), makeCall);
    runs.push(r);
    if (args.profile || args.floor) process.stdout.write(`${profileTable(r.profile, r.floor ?? null, r.clientUsPerCallS)}\n`);
  }
  process.stdout.write(`\n${table(runs.map(row))}\n(latencies in ms; emotion = server-stamped latencyMs of emotion states; client = send of the audio → receipt of its\n emotion state, measured by the bench client; prompt = transcript final → prompt on the feed, for prompts a transcript raised; voice prompt = the newest audio → prompt, for\n prompts an emotion state raised${args.words === 'side' ? ', the finals sent on the side channel' : ''})\n`);
  // Over runs of several sizes (--find-max), RSS per added call is the slope of peak RSS against calls.
  const slope = rssSlopeMbPerCall(runs);
  if (slope !== null) process.stdout.write(`RSS per added call: ${slope.toFixed(2)} MB (least squares over ${runs.length} runs)\n`);
  const report = { at: new Date().toISOString(), machine, budgetMs, chunkMs, rampS: rampMs / 1000, nodes: nodeCount, bus, words: args.words, source: args.synthetic ? 'synthetic' : args.data, plugged: pluggedEnv, ...(maxCalls !== undefined ? { maxCalls } : {}), ...(slope !== null ? { rssPerAddedCallMb: Math.round(slope * 100) / 100 } : {}), runs };
  mkdirSync(args.out!, { recursive: true });
  const file = join(args.out!, `bench-${report.at.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(report, null, 2));
  writeFileSync(join(args.out!, 'latest.json'), JSON.stringify(report, null, 2));
  process.stdout.write(`${JSON.stringify(report)}\nwritten to ${file}\n`);
  if (args.publish) {
    const published = writePublished(args.publish, `npm run bench -- ${process.argv.slice(2).filter((a, i, all) => a !== '--publish' && all[i - 1] !== '--publish').join(' ')}`.trim(), machine, report);
    process.stdout.write(`published as ${published}${measuredBusy(machine) ? ` — the machine was busy (load ${machine.loadAvg1} on ${machine.cores} cores): not for the README` : ''}\n`);
  }
}

await main();
