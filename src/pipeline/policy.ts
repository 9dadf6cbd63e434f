// Stage 8: the playbook on the call's signals → prompts, checklist ticks and supervisor alerts.

import { Observable, type OperatorFunction } from 'rxjs';
import type { EventPayload } from '../frames/events.js';
import { PolicyEngine, type PolicyContext } from '../policy/engine.js';
import type { PolicySignal } from '../policy/signals.js';
import type { Metrics } from '../observability/metrics.js';

export function applyPolicy(metrics: Metrics, ctx: PolicyContext): OperatorFunction<PolicySignal, EventPayload> {
  return (source) =>
    new Observable<EventPayload>((out) => {
      const engine = new PolicyEngine(ctx);
      // The signal being applied: a variable the one timed closure reads, not a closure per signal.
      let signal: PolicySignal | null = null;
      const apply = () => engine.apply(signal!);
      // A plain subscriber rather than mergeMap: most signals decide nothing, and an inner
      // observable per signal (several a second per call) was a visible share of the plumbing.
      return source.subscribe({
        next(s) {
          signal = s;
          let decided: EventPayload[];
          try {
            decided = metrics.time('policy', apply);
          } catch (err) {
            // As mergeMap would: a failing rule errors this call's pipeline only.
            out.error(err);
            return;
          } finally {
            signal = null;
          }
          for (let i = 0; i < decided.length && !out.closed; i++) out.next(decided[i]!);
        },
        error: (err) => out.error(err),
        complete: () => out.complete(),
      });
    });
}
