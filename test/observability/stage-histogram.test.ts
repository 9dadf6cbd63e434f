// callcue_stage_duration_ms is kept by our own histogram (cheap per observation); its exposition
// must read exactly as prom-client's Histogram would with the same observations — alone and summed
// over pipeline workers.

import client from 'prom-client';
import { describe, expect, it } from 'vitest';
import { StageHistogram } from '../../src/observability/stage-histogram.js';

const BOUNDS = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 25, 50, 100, 250];
const OBSERVED: [string, number][] = [
  ['features', 0.07],
  ['features', 3],
  ['decode', 0.05],
  ['decode', 1000],
  ['window', 250],
  ['features', 0.0001],
];

function both() {
  const ours = new client.Registry();
  const theirs = new client.Registry();
  const h = new StageHistogram('callcue_stage_duration_ms', 'help', BOUNDS, ours);
  const p = new client.Histogram({ name: 'callcue_stage_duration_ms', help: 'help', labelNames: ['stage'], buckets: BOUNDS, registers: [theirs] });
  for (const [stage, ms] of OBSERVED) {
    h.observe({ stage }, ms);
    p.observe({ stage }, ms);
  }
  return { ours, theirs };
}

describe('stage histogram', () => {
  it('exposes what prom-client would, alone and aggregated over registries', async () => {
    const { ours, theirs } = both();
    expect(await ours.metrics()).toBe(await theirs.metrics());
    const sum = async (r: client.Registry) => client.AggregatorRegistry.aggregate([await r.getMetricsAsJSON(), await r.getMetricsAsJSON()]).metrics();
    expect(await sum(ours)).toBe(await sum(theirs));
  });
});
