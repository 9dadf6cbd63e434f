// The per-stage profile as the bench prints it (`--profile`), with the floor when measured.

import { availableParallelism } from 'node:os';
import { STAGES } from '../../src/observability/stage-clock.js';
import type { Floor } from './floor.js';
import type { StageProfile } from './profile.js';
import { table } from './stats.js';

const order = (stage: string) => {
  const i = (STAGES as readonly string[]).indexOf(stage);
  return i >= 0 ? i : STAGES.length + (stage === 'other threads' ? 2 : 1);
};

export function profileTable(p: StageProfile, floor: Floor | null, clientUsPerCallS?: number): string {
  const rows = [...p.rows].sort((a, b) => order(a.stage) - order(b.stage));
  const pct = (us: number) => `${((us / p.totalUsPerCallS) * 100).toFixed(1)} %`;
  const body = rows.map((r) => ({ stage: r.stage, where: r.where, 'CPU µs per call-s': r.usPerCallS, share: pct(r.usPerCallS) }));
  body.push({ stage: 'total (server process)', where: '', 'CPU µs per call-s': p.totalUsPerCallS, share: `${(p.totalUsPerCallS / 1e4).toFixed(2)} % of a core per call` });
  if (floor) {
    body.push({ stage: 'floor: decode + framing + FFT', where: 'bench', 'CPU µs per call-s': floor.usPerCallS, share: `server = ${(p.totalUsPerCallS / floor.usPerCallS).toFixed(1)} × floor` });
  }
  if (clientUsPerCallS !== undefined) {
    body.push({ stage: 'bench client (same machine)', where: 'bench', 'CPU µs per call-s': clientUsPerCallS, share: '' });
    const cores = availableParallelism();
    // What the CPU alone allows: every core busy with the server and the client, nothing to spare.
    const bound = Math.floor((cores * 1e6) / (p.totalUsPerCallS + clientUsPerCallS));
    body.push({ stage: `CPU bound on ${cores} cores`, where: '', 'CPU µs per call-s': p.totalUsPerCallS + clientUsPerCallS, share: `≤ ${bound} calls (latency bounds it first)` });
  }
  const threads = Object.entries(p.threads)
    .map(([t, v]) => `${t} ${v.usPerCallS} µs (CPU/active ${v.cpuShareOfActive})`)
    .join(', ');
  return `\n${table(body)}\n(${p.callSeconds} call-seconds; per thread: ${threads})\n`;
}
