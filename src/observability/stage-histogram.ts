// callcue_stage_duration_ms without prom-client's per-observation cost: a pipeline observes a stage
// several times per audio message (hundreds of times a second per call), and prom-client's
// Histogram#observe validates and hashes the labels and allocates on every call (~4.6 % of a
// pipeline worker's CPU, measured). Here an observation is a bucket search and three additions;
// the exposition is built at scrape time in prom-client's own shape, so /metrics (and the sum over
// pipeline workers) reads exactly as before.

import type client from 'prom-client';

interface Value {
  labels: Record<string, string | number>;
  value: number;
  metricName: string;
}

export interface StageCounts {
  buckets: Float64Array;
  sum: number;
  count: number;
}

export class StageHistogram {
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  private readonly stages = new Map<string, StageCounts>();

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly boundsMs: readonly number[],
    registry: client.Registry,
  ) {
    registry.registerMetric(this as unknown as client.Metric);
  }

  /** The same call as prom-client's Histogram#observe({ stage }, ms). */
  observe(labels: { stage: string }, ms: number): void {
    this.observeInto(this.series(labels.stage), ms);
  }

  /** One stage's series, made on first use: a caller that observes it often keeps it (Metrics.time). */
  series(stage: string): StageCounts {
    let c = this.stages.get(stage);
    if (c === undefined) this.stages.set(stage, (c = { buckets: new Float64Array(this.boundsMs.length), sum: 0, count: 0 }));
    return c;
  }

  observeInto(c: StageCounts, ms: number): void {
    const bounds = this.boundsMs;
    for (let i = 0; i < bounds.length; i++) {
      if (ms <= bounds[i]!) {
        c.buckets[i]!++;
        break;
      }
    }
    c.sum += ms;
    c.count++;
  }

  async get(): Promise<{ name: string; help: string; type: 'histogram'; values: Value[]; aggregator: 'sum' }> {
    const values: Value[] = [];
    for (const [stage, c] of this.stages) {
      let acc = 0;
      this.boundsMs.forEach((le, i) => {
        acc += c.buckets[i]!;
        values.push({ labels: { le, stage }, value: acc, metricName: `${this.name}_bucket` });
      });
      values.push({ labels: { le: '+Inf', stage }, value: c.count, metricName: `${this.name}_bucket` });
      values.push({ labels: { stage }, value: c.sum, metricName: `${this.name}_sum` });
      values.push({ labels: { stage }, value: c.count, metricName: `${this.name}_count` });
    }
    return { name: this.name, help: this.help, type: this.type, values, aggregator: this.aggregator };
  }

  /** Zeroes every series in place (a series kept by a caller stays the one exposed). */
  reset(): void {
    for (const c of this.stages.values()) {
      c.buckets.fill(0);
      c.sum = 0;
      c.count = 0;
    }
  }
}
