// RSS per added call, the two ways a bench report can give it: one run's peak above the node's idle
// RSS divided by its calls (an upper bound: heaps grown by any work count too), and, over runs of
// several sizes (--find-max), the least-squares slope of peak RSS against calls.

export interface RssRun {
  calls: number;
  serverRssMb: { max: number };
  idleRssMb?: number;
}

/** (peak RSS − idle RSS) / calls, MB, to 0.01; null without an idle figure or calls. */
export function rssAboveIdlePerCallMb(r: RssRun): number | null {
  if (r.idleRssMb === undefined || r.calls <= 0) return null;
  return Math.round(((r.serverRssMb.max - r.idleRssMb) / r.calls) * 100) / 100;
}

/** Least-squares slope of peak RSS against calls, MB per call; null with fewer than two sizes. */
export function rssSlopeMbPerCall(runs: readonly RssRun[]): number | null {
  const n = runs.length;
  if (n < 2) return null;
  const mx = runs.reduce((a, r) => a + r.calls, 0) / n;
  const my = runs.reduce((a, r) => a + r.serverRssMb.max, 0) / n;
  const sxx = runs.reduce((a, r) => a + (r.calls - mx) ** 2, 0);
  if (sxx === 0) return null;
  return runs.reduce((a, r) => a + (r.calls - mx) * (r.serverRssMb.max - my), 0) / sxx;
}
