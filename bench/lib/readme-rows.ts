// The README's Measured rows and Scaling figures, computed from published bench results
// (src/capacity): each row says what was measured, the figure, and the command that measures it.
// A result not published yet gives a row that says so, with the command to run.

import { measuredBusy, type Published } from '../../src/capacity/index.js';
import type { StageProfile } from './profile.js';
import { rssSlopeMbPerCall } from './rss.js';

/** The parts of a bench run (bench/run.ts) the README reads. */
export interface RunFigures {
  calls: number;
  durationS: number;
  emotionLatencyMs: { p50: number; p95: number; p99: number };
  clientLatencyMs: { p99: number };
  promptLatencyMs: { n: number; p99: number };
  shedFrames: number;
  errors: number;
  serverCpuPct: { p50: number };
  serverRssMb: { max: number };
  idleRssMb?: number;
  feedNodeCpuPct?: { p50: number };
  redisCpuPct?: { p50: number };
  profile?: StageProfile;
  floor?: { usPerCallS: number };
}

export interface BenchReport {
  budgetMs: number;
  maxCalls?: number;
  /** bench:publish runs --find-max several times and publishes the lowest: each run's figure. */
  maxCallsRuns?: number[];
  runs: RunFigures[];
}

export interface Row {
  what: string;
  figure: string;
  command: string;
}

const ms = (x: number) => (x >= 10 ? Math.round(x).toString() : x.toFixed(1));
const when = (p: Published) => `${p.at.slice(0, 10)}${measuredBusy(p.machine) ? `, busy machine: load ${p.machine.loadAvg1}` : ''}`;
const missing = (what: string, command: string, key: string): Row => ({ what, figure: `not published yet (\`npm run bench:publish -- --only ${key}\`)`, command: `\`${command}\`` });
const cmd = (p: Published) => `\`${p.command}\``;
const shedText = (r: RunFigures) => `${r.shedFrames} shed${r.errors ? `, ${r.errors} errors` : ''}`;

function findMaxRow(p: Published<BenchReport> | null): Row {
  const what = 'most concurrent calls one node holds (p99 ≤ 100 ms, nothing shed)';
  if (!p || p.result.maxCalls === undefined) return missing(what, 'npm run bench -- --find-max', 'find-max');
  const n = p.result.maxCalls;
  const at = p.result.runs.find((r) => r.calls === n);
  const misses = p.result.runs.filter((r) => r.calls > n).map((r) => r.calls).sort((a, b) => a - b);
  const detail = at ? `at ${n}: emotion p99 ${ms(at.emotionLatencyMs.p99)} ms, client p99 ${ms(at.clientLatencyMs.p99)} ms, ${shedText(at)}` : '';
  const runs = p.result.maxCallsRuns;
  const lowest = runs && runs.length > 1 ? `the lowest of ${runs.length} runs: ${runs.join(', ')}` : '';
  return { what, figure: `**${n} calls** (${[lowest, detail, misses.length ? `${misses.join(' and ')} miss` : ''].filter(Boolean).join('; ')}; ${when(p)})`, command: cmd(p) };
}

function callsRow(p: Published<BenchReport> | null, what: string, command: string, key: string): Row {
  const r = p?.result.runs[0];
  if (!p || !r) return missing(what, command, key);
  const parts = [
    `emotion \`latencyMs\` p50 ${ms(r.emotionLatencyMs.p50)} / p95 ${ms(r.emotionLatencyMs.p95)} / p99 ${ms(r.emotionLatencyMs.p99)} ms`,
    `client-measured p99 ${ms(r.clientLatencyMs.p99)} ms`,
    r.promptLatencyMs.n > 0 ? `transcript → prompt p99 ${ms(r.promptLatencyMs.p99)} ms` : '',
    `server CPU ${Math.round(r.serverCpuPct.p50)} % of a core (p50)`,
    `RSS ${Math.round(r.serverRssMb.max)} MB${r.idleRssMb ? ` (${Math.round(r.idleRssMb)} MB idle)` : ''}`,
    r.feedNodeCpuPct ? `feed node ${Math.round(r.feedNodeCpuPct.p50)} % of a core` : '',
    r.redisCpuPct ? `Redis ${Math.round(r.redisCpuPct.p50)} %` : '',
    shedText(r),
  ];
  return { what, figure: `${parts.filter(Boolean).join('; ')} (${when(p)})`, command: cmd(p) };
}

function profileRow(p: Published<BenchReport> | null): Row {
  const what = 'where a call\'s CPU goes (100 calls), against the floor (decoding, framing and a 256-point FFT of both tracks)';
  const r = p?.result.runs[0];
  if (!p || !r?.profile) return missing(what, 'npm run bench -- --calls 100 --profile --floor', 'calls-100');
  const prof = r.profile;
  const top = [...prof.rows].sort((a, b) => b.usPerCallS - a.usPerCallS).slice(0, 6);
  const total = `${prof.totalUsPerCallS} CPU µs per call-second (${(prof.totalUsPerCallS / 1e4).toFixed(2)} % of a core per call)`;
  const floor = r.floor ? `; the floor ${r.floor.usPerCallS} µs, so ${(prof.totalUsPerCallS / r.floor.usPerCallS).toFixed(1)} × the floor` : '';
  return { what, figure: `${total}${floor}; largest: ${top.map((t) => `${t.stage} ${t.usPerCallS}`).join(', ')} (${when(p)})`, command: cmd(p) };
}

/** RSS per added call: the slope of the runs' peak RSS against their calls (find-max runs several sizes). */
function rssRow(p: Published<BenchReport> | null): Row {
  const what = 'memory: RSS per added call, and with no call';
  const runs = p?.result.runs ?? [];
  if (!p || runs.length < 2) return missing(what, 'npm run bench -- --find-max', 'find-max');
  const n = runs.length;
  const slope = rssSlopeMbPerCall(runs) ?? NaN;
  const idle = runs.map((r) => r.idleRssMb).filter((x): x is number => x !== undefined);
  const idleText = idle.length ? `; ${Math.round(Math.min(...idle))} MB with no call` : '';
  return { what, figure: `${slope.toFixed(2)} MB per call (least squares over ${n} runs of ${Math.min(...runs.map((r) => r.calls))}–${Math.max(...runs.map((r) => r.calls))} calls)${idleText} (${when(p)})`, command: cmd(p) };
}

interface SoakReport {
  durationMin: number;
  options: { nodes?: number };
  calls: { total: number; bridgesKilled: number; feedsDropped: number; withMalformedFrames: number };
  prompts: { emitted: number; lost: number };
  memory: { startMb: number; endMb: number; flat: boolean }[];
  pass: boolean;
}

function soakRow(p: Published<SoakReport> | null): Row {
  const what = 'soak: killed bridges, dropped feeds, malformed frames and hostile sockets beside real calls';
  if (!p) return missing(what, 'npm run soak', 'soak');
  const s = p.result;
  const memory = s.memory.map((m) => `${Math.round(m.startMb)} → ${Math.round(m.endMb)} MB`).join(', ');
  const figure = `${s.durationMin} min, ${s.memory.length} node(s): ${s.calls.total} calls, ${s.calls.bridgesKilled} bridges killed, ${s.calls.feedsDropped} feeds dropped, malformed frames on ${s.calls.withMalformedFrames} calls: ${s.prompts.emitted} prompts emitted, ${s.prompts.lost} lost; memory ${s.memory.every((m) => m.flat) ? 'flat' : 'NOT flat'} (RSS ${memory}); ${s.pass ? 'passed' : 'FAILED'}`;
  return { what, figure: `${figure} (${when(p)})`, command: cmd(p) };
}

interface Micro {
  bench: string;
  [k: string]: unknown;
}

function microRow(p: Published<Micro> | null, what: string, command: string, key: string, figure: (m: Micro) => string): Row {
  if (!p) return missing(what, command, key);
  return { what, figure: `${figure(p.result)} (${when(p)})`, command: cmd(p) };
}

export function measuredRows(get: (key: string) => Published | null): Row[] {
  const b = (key: string) => get(key) as Published<BenchReport> | null;
  const m = (key: string) => get(key) as Published<Micro> | null;
  const num = (x: unknown) => Number(x);
  return [
    findMaxRow(b('find-max')),
    callsRow(b('calls-100'), '100 concurrent stereo calls, real time, 30 s', 'npm run bench -- --calls 100 --profile --floor', 'calls-100'),
    profileRow(b('calls-100')),
    rssRow(b('find-max')),
    callsRow(b('calls-100-burst'), '100 calls all starting in the same 20 ms (worst case: every call\'s windows fall due together)', 'npm run bench -- --calls 100 --ramp-s 0.02', 'calls-100-burst'),
    callsRow(b('calls-100-words-side'), '100 calls, their words over one `/v1/transcripts` socket beside the audio (prompt: side-channel final → prompt)', 'npm run bench -- --calls 100 --words side', 'calls-100-words-side'),
    callsRow(b('calls-300'), '300 calls', 'npm run bench -- --calls 300', 'calls-300'),
    callsRow(b('nodes-2'), 'two nodes + Redis, 100 calls (bridges on one, feeds on the other)', 'npm run bench -- --nodes 2 --bus redis --calls 100', 'nodes-2'),
    soakRow(get('soak') as Published<SoakReport> | null),
    microRow(m('micro-text-emotion'), 'text emotion, one utterance', 'node dist/bench/text-emotion.js', 'micro-text-emotion', (x) => `p99 ${(num(x.p99Us) / 1000).toFixed(2)} ms (budget 2 ms)`),
    microRow(m('micro-text-rules'), 'agent-language rules + redaction, one utterance', 'node dist/bench/text-rules.js', 'micro-text-rules', (x) => {
      const rows = (x.results as { name: string; p99Us: number }[] | undefined) ?? [];
      return rows.map((r) => `${r.name} p99 ${r.p99Us} µs`).join(', ');
    }),
    microRow(m('micro-prosody-classify'), '`classify-audio` (offline prosody, one core)', 'node dist/bench/prosody-classify.js', 'micro-prosody-classify', (x) => `${Math.round(num(x.realTimeFactor))}× real time (${Math.round(num(x.msPerMinute))} ms per minute of audio)`),
    microRow(m('micro-features'), 'frame analysis (one 32 ms frame, every feature)', 'node dist/bench/features.js', 'micro-features', (x) => `mean ${num(x.meanUs).toFixed(1)} µs, p99 ${num(x.p99Us).toFixed(1)} µs per frame`),
  ];
}

/** The sizing rule of docs/scaling.md applied to a node's capacity C, with its worked example (2,000 seats at 70 % occupancy). */
export function sizing(c: number) {
  const seats = 2000;
  const occupancy = 0.7;
  const maxCalls = Math.floor(0.8 * c);
  const concurrent = Math.round(seats * occupancy);
  return {
    maxCalls,
    concurrent,
    nodes: Math.ceil(concurrent / maxCalls) + 1,
    example: `${seats.toLocaleString('en-US')} seats at ${occupancy * 100} % occupancy`,
  };
}

/** The capacity sentence of the README's Scaling section. */
export function scalingText(p: Published<BenchReport> | null): string {
  if (!p || p.result.maxCalls === undefined) {
    return 'How many calls one node holds is measured by `npm run bench -- --find-max` on the machine type you deploy (no figure is published for the reference machine yet: `npm run bench:publish` measures it). Run nodes as one with `CALLCUE_BUS_URL=redis://…`, set `CALLCUE_MAX_CALLS` to about 0.8 × that figure, and size a cluster as `ceil(peak concurrent calls / CALLCUE_MAX_CALLS) + 1` nodes; [docs/scaling.md](docs/scaling.md) gives the steps, the failure behaviour and the deployment files.';
  }
  const c = p.result.maxCalls;
  const s = sizing(c);
  const m = p.machine;
  return `One ${m.cores}-core node (${m.cpu}, measured ${when(p)}) holds **${c} concurrent calls** within the budget (\`--find-max\`, above); run nodes as one with \`CALLCUE_BUS_URL=redis://…\`, set \`CALLCUE_MAX_CALLS\` to about 0.8 × that figure (${s.maxCalls}), and size a cluster as \`ceil(peak concurrent calls / ${s.maxCalls}) + 1\` nodes (${s.example}: ${s.nodes} nodes). Measure your own machine type first; [docs/scaling.md](docs/scaling.md) gives the steps, the failure behaviour and the deployment files.`;
}

export function table(rows: Row[]): string {
  return ['| what | figure | command |', '|---|---|---|', ...rows.map((r) => `| ${r.what} | ${r.figure} | ${r.command} |`)].join('\n');
}
