// Stage 8: the playbook on the call's signals → prompts, checklist ticks and supervisor alerts.

import { defer, mergeMap, type OperatorFunction } from 'rxjs';
import type { EventPayload } from '../frames/events.js';
import { PolicyEngine, type PolicyContext } from '../policy/engine.js';
import type { PolicySignal } from '../policy/signals.js';
import type { Metrics } from '../observability/metrics.js';

export function applyPolicy(metrics: Metrics, ctx: PolicyContext): OperatorFunction<PolicySignal, EventPayload> {
  return (source) =>
    defer(() => {
      const engine = new PolicyEngine(ctx);
      return source.pipe(mergeMap((s) => metrics.time('policy', () => engine.apply(s))));
    });
}
