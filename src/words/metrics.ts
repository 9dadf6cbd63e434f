// The words router's metrics, created once per app registry (tests build several apps in one process).

import client from 'prom-client';
import type { Metrics } from '../observability/metrics.js';

/** What became of a message of words. */
export type WordsResult =
  | 'applied'
  | 'routed'
  | 'duplicate'
  | 'stale'
  | 'unknown_call'
  | 'hold_full'
  | 'call_ended'
  | 'rate_limited'
  | 'no_answer'
  | 'shutting_down';

export interface WordsMetrics {
  results: client.Counter<'result'>;
  /** Messages waiting for their call's audio to open. */
  held: client.Gauge;
  /** How long held words waited before their call opened, ms. */
  heldMs: client.Histogram;
}

const byRegistry = new WeakMap<client.Registry, WordsMetrics>();

export function wordsMetrics(metrics: Metrics): WordsMetrics {
  let m = byRegistry.get(metrics.registry);
  if (!m) {
    m = {
      results: new client.Counter({
        name: 'callcue_words_total',
        help: 'Messages of words from the side channel and Twilio callbacks, by what became of them (unknown_call: the call never opened within the hold)',
        labelNames: ['result'] as const,
        registers: [metrics.registry],
      }),
      held: new client.Gauge({
        name: 'callcue_words_held',
        help: 'Messages of words held for calls whose audio has not opened yet',
        registers: [metrics.registry],
      }),
      heldMs: new client.Histogram({
        name: 'callcue_words_held_ms',
        help: 'How long words were held before their call opened, milliseconds',
        buckets: [10, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000],
        registers: [metrics.registry],
      }),
    };
    byRegistry.set(metrics.registry, m);
  }
  return m;
}
