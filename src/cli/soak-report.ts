// The soak's accounting: prompts emitted by the pipelines (the nodes' callcue_prompts_total),
// against prompts delivered to feeds and prompts stored in the calls' records; and the table the
// soak prints.

import type { NodeProcess } from './soak-node.js';
import type { SoakCallResult } from './soak-call.js';
import type { MemoryVerdict } from './soak-memory.js';

export interface PromptAccount {
  /** Σ callcue_prompts_total over the nodes: what the pipelines emitted. */
  emitted: number;
  /** Distinct prompt ids shown on a feed (as events or in a reconnect's call.state). */
  delivered: number;
  /** Distinct prompt ids in the calls' records. */
  recorded: number;
  /** Delivered or recorded. */
  accounted: number;
  /** Emitted but neither delivered nor recorded. */
  lost: number;
  /** Calls whose record could not be read. */
  missingRecords: number;
}

/** Sum of every sample of a counter in a Prometheus text exposition. */
export function sumCounter(text: string, name: string): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(name) || (line[name.length] !== '{' && line[name.length] !== ' ')) continue;
    const v = Number(line.slice(line.lastIndexOf(' ') + 1));
    if (Number.isFinite(v)) sum += v;
  }
  return sum;
}

export async function checkPrompts(nodes: NodeProcess[], calls: SoakCallResult[]): Promise<PromptAccount> {
  let emitted = 0;
  for (const n of nodes) emitted += sumCounter(await (await fetch(`${n.url}/metrics`)).text(), 'callcue_prompts_total');
  const delivered = new Set<string>();
  const recorded = new Set<string>();
  let missingRecords = 0;
  for (const c of calls) {
    for (const id of c.promptIds) delivered.add(id);
    if (!c.started) continue;
    const res = await fetch(`${c.ownerUrl}/v1/calls/${encodeURIComponent(c.callId)}`);
    if (!res.ok) {
      missingRecords++;
      continue;
    }
    const record = (await res.json()) as { prompts?: { promptId: string }[] };
    for (const p of record.prompts ?? []) recorded.add(p.promptId);
  }
  const accounted = new Set([...delivered, ...recorded]).size;
  return { emitted, delivered: delivered.size, recorded: recorded.size, accounted, lost: Math.max(0, emitted - accounted), missingRecords };
}

interface SoakSummary {
  durationMin: number;
  calls: { total: number; bridgesKilled: number; feedsDropped: number; withMalformedFrames: number; refused: number };
  prompts: PromptAccount;
  hostile: { sockets: number; frames: number; answered: Record<string, number> };
  memory: MemoryVerdict[];
  nodesAlive: boolean[];
  pass: boolean;
}

export function soakTable(r: SoakSummary): string {
  const rows: [string, string | number][] = [
    ['minutes', r.durationMin],
    ['calls', r.calls.total],
    ['  refused', r.calls.refused],
    ['  bridges killed', r.calls.bridgesKilled],
    ['  feeds dropped + reconnected', r.calls.feedsDropped],
    ['  with malformed frames', r.calls.withMalformedFrames],
    ['hostile sockets / frames', `${r.hostile.sockets} / ${r.hostile.frames}`],
    ['  answered', Object.entries(r.hostile.answered).map(([k, v]) => `${k} ${v}`).join(', ') || '-'],
    ['prompts emitted (metric)', r.prompts.emitted],
    ['  delivered to feeds', r.prompts.delivered],
    ['  in records', r.prompts.recorded],
    ['  delivered or recorded', r.prompts.accounted],
    ['  lost', r.prompts.lost],
    ...r.memory.map((m, i): [string, string] => [`node ${i + 1} rss MB start/end/max`, `${m.startMb} / ${m.endMb} / ${m.maxMb}`]),
    ...r.memory.map((m, i): [string, string] => [`node ${i + 1} rss slope MB/min (floors / ceilings), growth`, `${m.slopeMbPerMin} / ${m.ceilingSlopeMbPerMin}, ×${m.growth} ${m.flat ? '(flat)' : '(NOT flat)'}`]),
    ['nodes alive at the end', r.nodesAlive.map((a) => (a ? 'yes' : 'NO')).join(', ')],
    ['result', r.pass ? 'PASS' : 'FAIL'],
  ];
  const w = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(w)}  ${v}`).join('\n');
}
