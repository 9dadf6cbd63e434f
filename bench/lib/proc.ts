// CPU and memory of another process, read from /proc (Linux), for the server-side figures.

import { readFileSync } from 'node:fs';

const TICKS_PER_S = 100;

function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime
}

export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 102.4) / 10;
}

/** Samples a process's CPU % (of one core) and RSS every intervalMs until stopped. */
export function sampleProcess(pid: number, intervalMs = 1000) {
  const cpu: number[] = [];
  const rss: number[] = [];
  let lastTicks = cpuTicks(pid);
  let lastAt = performance.now();
  const timer = setInterval(() => {
    try {
      const t = cpuTicks(pid);
      const now = performance.now();
      cpu.push(((t - lastTicks) / TICKS_PER_S / ((now - lastAt) / 1000)) * 100);
      rss.push(rssMb(pid));
      lastTicks = t;
      lastAt = now;
    } catch {
      /* process gone */
    }
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return { cpu, rss };
    },
  };
}
