// Prometheus metrics, one registry per app instance (tests build several apps in one process).
// Side-taps only: recording a metric never changes what a call does.

import client from 'prom-client';
import { stageClock, stageIndex, type Stage } from './stage-clock.js';
import { registerStageMetrics } from './stage-metrics.js';
import { StageHistogram, type StageCounts } from './stage-histogram.js';

/** A registry's metrics as JSON (what crosses from a worker thread). */
export type MetricsJson = Awaited<ReturnType<client.Registry['getMetricsAsJSON']>>;

/** The histogram's stage names → the profile's coarser stages (stage-clock.ts). */
const PROFILE_STAGE: Readonly<Record<string, Stage>> = {
  decode: 'decode',
  resample: 'decode',
  features: 'frames',
  window: 'windows',
  classify: 'voice-model',
  redact: 'redact',
  'agent-language': 'language',
  'text-emotion': 'text-model',
  fuse: 'fuse',
  policy: 'policy',
};

const STAGE_BUCKETS_MS = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 25, 50, 100, 250];
const LATENCY_BUCKETS_MS = [1, 2, 5, 10, 20, 30, 50, 75, 100, 150, 200, 300, 500, 1000, 2000];

export class Metrics {
  readonly registry = new client.Registry();
  /** Processing time of one stage for one input, ms. */
  readonly stageMs = new StageHistogram(
    'callcue_stage_duration_ms',
    'Processing time of one pipeline stage for one input, milliseconds',
    STAGE_BUCKETS_MS,
    this.registry,
  );
  /** time()'s stages, each resolved once: its histogram series and its profile stage. */
  private readonly timers = new Map<string, { series: StageCounts; profileIndex: number }>();
  /** End-to-end: newest input's arrival → event sent on a socket. */
  readonly eventLatencyMs = new client.Histogram({
    name: 'callcue_event_latency_ms',
    help: 'Latency from the arrival of the newest input an event reflects to its sending, milliseconds',
    labelNames: ['type'] as const,
    buckets: LATENCY_BUCKETS_MS,
    registers: [this.registry],
  });
  readonly activeCalls = new client.Gauge({
    name: 'callcue_active_calls',
    help: 'Calls whose pipeline runs on this node',
    registers: [this.registry],
  });
  readonly callsTotal = new client.Counter({
    name: 'callcue_calls_total',
    help: 'Calls started, by bridge protocol',
    labelNames: ['source'] as const,
    registers: [this.registry],
  });
  readonly shedFrames = new client.Counter({
    name: 'callcue_shed_frames_total',
    help: 'Audio messages dropped because a call pipeline fell behind',
    registers: [this.registry],
  });
  readonly errors = new client.Counter({
    name: 'callcue_errors_total',
    help: 'Errors answered to clients or raised inside calls, by code',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });
  readonly feeds = new client.Gauge({
    name: 'callcue_feeds',
    help: 'Connected agent and supervisor feeds',
    registers: [this.registry],
  });
  readonly droppedFeedEvents = new client.Counter({
    name: 'callcue_feed_skipped_events_total',
    help: 'Superseded emotion states not sent to a feed whose socket was backed up',
    registers: [this.registry],
  });

  readonly prompts = new client.Counter({
    name: 'callcue_prompts_total',
    help: 'Prompts shown to agents, by playbook rule',
    labelNames: ['rule'] as const,
    registers: [this.registry],
  });
  readonly promptsSuppressed = new client.Counter({
    name: 'callcue_prompts_suppressed_total',
    help: 'Prompts the discipline held back (cooldown, per-minute cap, disabled rule)',
    labelNames: ['rule', 'reason'] as const,
    registers: [this.registry],
  });
  readonly acks = new client.Counter({
    name: 'callcue_prompt_acks_total',
    help: 'Acknowledgements of prompts by agents, by rule and action',
    labelNames: ['rule', 'action'] as const,
    registers: [this.registry],
  });
  readonly playbookReloads = new client.Counter({
    name: 'callcue_playbook_reloads_total',
    help: 'Playbook reloads, by result',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });


  /** Other registries (pipeline worker threads) whose metrics /metrics adds to this one's. */
  private readonly sources: (() => Promise<MetricsJson[]>)[] = [];

  /** withProcessMetrics: false in worker threads (the process is the main thread's to report). */
  constructor(withProcessMetrics = true) {
    registerStageMetrics(this.registry);
    if (withProcessMetrics) client.collectDefaultMetrics({ register: this.registry, prefix: 'callcue_' });
  }

  /** A source answers with one metrics list per registry it speaks for. */
  addSource(source: () => Promise<MetricsJson[]>): void {
    this.sources.push(source);
  }

  /** The Prometheus exposition: this registry's metrics summed with every source's. */
  async exposition(): Promise<string> {
    if (this.sources.length === 0) return this.registry.metrics();
    const [own, ...others] = await Promise.all([this.registry.getMetricsAsJSON(), ...this.sources.map((s) => s().catch(() => [] as MetricsJson[]))]);
    return client.AggregatorRegistry.aggregate([own, ...(others as MetricsJson[][]).flat(1)]).metrics();
  }

  /** Times a synchronous stage (the histogram by its own name, the profile under PROFILE_STAGE's). */
  time<T>(stage: string, fn: () => T): T {
    // One lookup per timed step for both the histogram's series and the profile's stage (this
    // runs several times per audio message of every call).
    let timer = this.timers.get(stage);
    if (timer === undefined) this.timers.set(stage, (timer = { series: this.stageMs.series(stage), profileIndex: stageIndex(PROFILE_STAGE[stage] ?? 'pipeline') }));
    // The stage clock reads the time on entering and leaving: one reading each serves both.
    const t0 = stageClock.enterIndex(timer.profileIndex);
    try {
      return fn();
    } finally {
      this.stageMs.observeInto(timer.series, stageClock.exit() - t0);
    }
  }

}
