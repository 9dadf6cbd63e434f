// `--profile`: where the server's CPU goes, stage by stage, as CPU µs per call-second (one call
// streamed for one second of media). Read from the server's /metrics before and after the calls
// (src/observability/stage-clock.ts): each thread's time inside each stage, its CPU time and its
// event-loop active time. A stage's time is wall time inside it; on a busy machine the thread is
// preempted inside stages too, so each stage is scaled by the thread's CPU ÷ active time, and what
// the stages leave of the thread's CPU is the thread's "other" (GC, timers, HTTP, libuv). CPU of
// the process beyond its JavaScript threads (V8's GC and compiler helpers, SQLite's thread) is
// "other threads". The rows add up to the process's CPU.
// Caveat: preemption is not spread evenly. A thread is most often descheduled right where it wakes
// another (posting to a worker, writing to a socket), so when the cores are oversubscribed — a busy
// machine, or just the main thread, two workers and the bench client on two cores — worker-io, feed
// and ingest read high and the compute stages low. Thread totals are exact; for a stage's own cost
// compare builds with bench/pipeline-cpu.ts or bench/callgrind.sh.

import { STAGES } from '../../src/observability/stage-clock.js';

export interface ServerCounters {
  /** thread → stage → seconds */
  stageS: Map<string, Map<string, number>>;
  threadCpuS: Map<string, number>;
  threadActiveS: Map<string, number>;
  processCpuS: number;
}

export interface ProfileRow {
  stage: string;
  /** main, workers, or both */
  where: string;
  usPerCallS: number;
}

export interface StageProfile {
  callSeconds: number;
  rows: ProfileRow[];
  /** Sum of the rows: the server process's CPU per call-second. */
  totalUsPerCallS: number;
  /** Per thread: CPU µs per call-second and CPU ÷ active (1 on a quiet machine). */
  threads: Record<string, { usPerCallS: number; cpuShareOfActive: number }>;
}

const LINE = /^(callcue_stage_busy_seconds_total|callcue_thread_cpu_seconds_total|callcue_thread_active_seconds_total|callcue_process_cpu_seconds_total)(?:\{([^}]*)\})? ([0-9.e+-]+)$/;

function labels(s: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of (s ?? '').matchAll(/(\w+)="([^"]*)"/g)) out[m[1]!] = m[2]!;
  return out;
}

export async function readCounters(serverUrl: string): Promise<ServerCounters> {
  const text = await (await fetch(`${serverUrl}/metrics`)).text();
  const c: ServerCounters = { stageS: new Map(), threadCpuS: new Map(), threadActiveS: new Map(), processCpuS: 0 };
  for (const line of text.split('\n')) {
    const m = LINE.exec(line);
    if (!m) continue;
    const l = labels(m[2]);
    const v = Number(m[3]);
    if (m[1] === 'callcue_process_cpu_seconds_total') c.processCpuS = v;
    else if (m[1] === 'callcue_thread_cpu_seconds_total') c.threadCpuS.set(l.thread!, v);
    else if (m[1] === 'callcue_thread_active_seconds_total') c.threadActiveS.set(l.thread!, v);
    else {
      const byStage = c.stageS.get(l.thread!) ?? new Map<string, number>();
      byStage.set(l.stage!, v);
      c.stageS.set(l.thread!, byStage);
    }
  }
  return c;
}

const whereOf = (thread: string) => (thread === 'main' ? 'main' : 'workers');

export function stageProfile(before: ServerCounters, after: ServerCounters, callSeconds: number): StageProfile {
  const us = (s: number) => (s * 1e6) / callSeconds;
  const rows = new Map<string, { where: Set<string>; s: number }>();
  const add = (stage: string, where: string, s: number) => {
    if (s <= 0) return;
    const r = rows.get(stage) ?? { where: new Set<string>(), s: 0 };
    r.where.add(where);
    r.s += s;
    rows.set(stage, r);
  };
  const threads: StageProfile['threads'] = {};
  let jsThreadsS = 0;
  for (const [thread, cpuAfter] of after.threadCpuS) {
    const cpuS = cpuAfter - (before.threadCpuS.get(thread) ?? 0);
    const activeS = (after.threadActiveS.get(thread) ?? 0) - (before.threadActiveS.get(thread) ?? 0);
    const scale = activeS > 0 ? Math.min(1, cpuS / activeS) : 1;
    jsThreadsS += cpuS;
    threads[thread] = { usPerCallS: Math.round(us(cpuS)), cpuShareOfActive: Math.round(scale * 100) / 100 };
    let staged = 0;
    for (const stage of STAGES) {
      const s = ((after.stageS.get(thread)?.get(stage) ?? 0) - (before.stageS.get(thread)?.get(stage) ?? 0)) * scale;
      staged += s;
      add(stage, whereOf(thread), s);
    }
    add(`other (${whereOf(thread)})`, whereOf(thread), Math.max(0, cpuS - staged));
  }
  add('other threads', 'GC, compiler, SQLite', after.processCpuS - before.processCpuS - jsThreadsS);
  const out: ProfileRow[] = [...rows].map(([stage, r]) => ({ stage, where: [...r.where].join('+'), usPerCallS: Math.round(us(r.s)) }));
  return { callSeconds, rows: out, totalUsPerCallS: out.reduce((a, r) => a + r.usPerCallS, 0), threads };
}
