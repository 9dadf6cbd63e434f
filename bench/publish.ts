// `npm run bench:publish`: measures every figure the README publishes, in turn, on this machine —
// the service bench at several loads, the soak, the micro-benchmarks — writes each to
// bench/published/KEY.json with its date, machine and command, then rewrites the README from them
// (bench/readme.ts). Run it on a quiet machine of the type you deploy: it takes about half an hour.
//   node dist/bench/publish.js [--only KEY,KEY] [--data DIR]

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { describeMachine, measuredBusy, writePublished } from '../src/capacity/index.js';
import { packagePath } from '../src/config/paths.js';

const { values: args } = parseArgs({ options: { only: { type: 'string' }, data: { type: 'string' } } });
const only = args.only ? new Set(args.only.split(',')) : null;
const data = args.data ? ['--data', args.data] : [];

/** The service bench at each published load (bench/run.ts publishes its own report). */
const BENCH: { key: string; args: string[] }[] = [
  { key: 'find-max', args: ['--find-max'] },
  { key: 'calls-100', args: ['--calls', '100', '--profile', '--floor'] },
  { key: 'calls-100-burst', args: ['--calls', '100', '--ramp-s', '0.02'] },
  { key: 'calls-300', args: ['--calls', '300', '--profile', '--floor'] },
  { key: 'nodes-2', args: ['--nodes', '2', '--bus', 'redis', '--calls', '100'] },
];

/** Micro-benchmarks: each prints its result as the last JSON line (text-rules writes it to a file). */
const MICRO: { key: string; script: string; jsonFile?: boolean }[] = [
  { key: 'micro-text-emotion', script: 'text-emotion.js' },
  { key: 'micro-text-rules', script: 'text-rules.js', jsonFile: true },
  { key: 'micro-prosody-classify', script: 'prosody-classify.js' },
  { key: 'micro-features', script: 'features.js' },
];

function run(argv: string[], what: string): string {
  process.stderr.write(`\n== ${what}\n`);
  const r = spawnSync(process.execPath, argv, { cwd: packagePath('.'), encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status})`);
  return r.stdout;
}

const wanted = (key: string) => !only || only.has(key);

function main() {
  const before = describeMachine();
  if (measuredBusy(before)) process.stderr.write(`warning: load ${before.loadAvg1} on ${before.cores} cores — figures measured now will say "busy machine"\n`);
  for (const b of BENCH.filter((x) => wanted(x.key))) run([packagePath('dist/bench/run.js'), ...b.args, ...data, '--publish', b.key], `npm run bench -- ${b.args.join(' ')}`);
  for (const m of MICRO.filter((x) => wanted(x.key))) {
    const machine = describeMachine();
    const script = packagePath(`dist/bench/${m.script}`);
    const dir = mkdtempSync(join(tmpdir(), 'callcue-micro-'));
    const jsonOut = join(dir, 'result.json');
    const out = run(m.jsonFile ? [script, '--json', jsonOut] : [script], `node dist/bench/${m.script}`);
    const json = m.jsonFile ? readFileSync(jsonOut, 'utf8') : out.trim().split('\n').reverse().find((l) => l.startsWith('{'));
    rmSync(dir, { recursive: true, force: true });
    if (!json) throw new Error(`node dist/bench/${m.script} printed no JSON result`);
    writePublished(m.key, `node dist/bench/${m.script}`, machine, JSON.parse(json));
  }
  if (wanted('soak')) {
    const machine = describeMachine();
    const dir = mkdtempSync(join(tmpdir(), 'callcue-soak-'));
    run([packagePath('dist/src/cli/main.js'), 'soak', '--out', dir], 'npm run soak');
    const file = readdirSync(dir).find((f) => f.startsWith('soak-') && f.endsWith('.json'));
    if (!file) throw new Error('npm run soak wrote no report');
    writePublished('soak', 'npm run soak', machine, JSON.parse(readFileSync(join(dir, file), 'utf8')));
    rmSync(dir, { recursive: true, force: true });
  }
  run([packagePath('dist/bench/readme.js')], 'npm run bench:readme');
}

main();
