// Preloaded into the server by bench/main-alloc.ts (node --import): on the main thread only, the
// first SIGUSR2 starts V8's sampling heap profiler — counting objects collected since, so it measures
// what is allocated, not what stays — and a PerformanceObserver counting scavenges; the second
// SIGUSR2 stops both and writes their totals to $CALLCUE_MAIN_HEAP_OUT.

import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { isMainThread } from 'node:worker_threads';

interface SampleNode {
  selfSize: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children: SampleNode[];
}

const out = process.env.CALLCUE_MAIN_HEAP_OUT;
if (isMainThread && out) {
  const session = new Session();
  session.connect();
  let scavenges = 0;
  let scavengeMs = 0;
  const gc = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if ((e as unknown as { detail?: { kind?: number } }).detail?.kind !== constants.NODE_PERFORMANCE_GC_MINOR) continue;
      scavenges++;
      scavengeMs += e.duration;
    }
  });
  let running = false;
  process.on('SIGUSR2', () => {
    if (!running) {
      running = true;
      gc.observe({ entryTypes: ['gc'] });
      session.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
      return;
    }
    running = false;
    gc.disconnect();
    session.post('HeapProfiler.stopSampling', (err, r) => {
      if (err) return writeFileSync(out, JSON.stringify({ error: err.message }));
      // Allocated bytes by the function that allocated them (self), largest first.
      const byFunction = new Map<string, number>();
      let bytes = 0;
      const walk = (n: SampleNode) => {
        bytes += n.selfSize;
        const where = `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*\/(dist|node_modules)\//, '')}:${n.callFrame.lineNumber + 1}`;
        if (n.selfSize > 0) byFunction.set(where, (byFunction.get(where) ?? 0) + n.selfSize);
        for (const c of n.children) walk(c);
      };
      walk((r as { profile: { head: SampleNode } }).profile.head);
      const top = [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 25);
      writeFileSync(out, JSON.stringify({ bytes, scavenges, scavengeMs, top }));
    });
  });
}
