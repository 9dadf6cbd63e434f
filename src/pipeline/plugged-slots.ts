// The plugged models of the thread that runs calls' pipelines, loaded from the directories the
// main thread validated, with shed requests counted per model kind.

import client from 'prom-client';
import { DEFAULT_RUN_OPTIONS, ModelSlots, type ModelRef } from '../models/index.js';
import type { Metrics } from '../observability/metrics.js';

const counters = new WeakMap<Metrics, client.Counter<'kind'>>();

export function modelShedCounter(metrics: Metrics): client.Counter<'kind'> {
  let c = counters.get(metrics);
  if (!c) {
    c = new client.Counter({
      name: 'callcue_model_shed_total',
      help: 'Windows and utterances a plugged model did not judge because the node was behind, by kind',
      labelNames: ['kind'] as const,
      registers: [metrics.registry],
    });
    counters.set(metrics, c);
  }
  return c;
}

export async function pluggedSlots(metrics: Metrics, refs: readonly ModelRef[], slots?: ModelSlots): Promise<ModelSlots> {
  const shed = modelShedCounter(metrics);
  const s = slots ?? new ModelSlots({ ...DEFAULT_RUN_OPTIONS, onShed: (n, kind) => shed.inc({ kind }, n) });
  for (const ref of refs) await s.load(ref);
  return s;
}
