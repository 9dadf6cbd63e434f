// The stage clock (stage-clock.ts) as Prometheus counters, read from the clock at each scrape (so
// the hot path never touches prom-client): each thread's time per stage, its CPU time and its
// event-loop active time. A pipeline worker's registry reports its own thread; /metrics adds them up.

import client from 'prom-client';
import { stageClock, STAGES, type StageSnapshot } from './stage-clock.js';

type Sample = [labels: Record<string, string>, seconds: number];

const SERIES: { name: string; help: string; labelNames: string[]; samples: (s: StageSnapshot) => Sample[] }[] = [
  {
    name: 'callcue_stage_busy_seconds_total',
    help: 'Wall time a thread spent inside each pipeline stage (nested stages excluded), seconds',
    labelNames: ['thread', 'stage'],
    samples: (s) => STAGES.filter((stage) => s.stageMs[stage] > 0).map((stage): Sample => [{ thread: s.thread, stage }, s.stageMs[stage] / 1000]),
  },
  {
    name: 'callcue_thread_cpu_seconds_total',
    help: 'CPU time of each JavaScript thread (main, pipeline workers), seconds',
    labelNames: ['thread'],
    samples: (s) => (s.cpuMs === null ? [] : [[{ thread: s.thread }, s.cpuMs / 1000]]),
  },
  {
    name: 'callcue_thread_active_seconds_total',
    help: 'Time the event loop of each JavaScript thread was busy (not waiting for I/O), seconds',
    labelNames: ['thread'],
    samples: (s) => [[{ thread: s.thread }, s.activeMs / 1000]],
  },
];

export function registerStageMetrics(registry: client.Registry): void {
  for (const { name, help, labelNames, samples } of SERIES) {
    new client.Counter({
      name,
      help,
      labelNames,
      registers: [registry],
      collect() {
        this.reset();
        for (const [labels, seconds] of samples(stageClock.snapshot())) this.inc(labels, seconds);
      },
    });
  }
}
