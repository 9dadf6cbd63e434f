// Stage 9: the QA scorecard (src/qa), fed by the same signals as the policy and by the policy's
// decisions, emitted once as the call's input ends — before call.ended, so the record has it.

import { Observable, map, merge, type Observable as Obs } from 'rxjs';
import { nowMs } from '../frames/clock.js';
import type { EventPayload } from '../frames/events.js';
import type { PolicySignal } from '../policy/signals.js';
import type { Playbook } from '../policy/schema.js';
import { QaScorer } from '../qa/scorer.js';

export function scoreCall(callId: string, language: string, playbook: () => Playbook, signals$: Obs<PolicySignal>, decisions$: Obs<EventPayload>): Obs<EventPayload> {
  return new Observable<EventPayload>((out) => {
    const scorer = new QaScorer(language, playbook);
    let lastTsMs = 0;
    const tagged = merge(signals$.pipe(map((signal) => ({ signal }))), decisions$.pipe(map((decision) => ({ decision }))));
    return tagged.subscribe({
      next(x) {
        if ('signal' in x) {
          lastTsMs = Math.max(lastTsMs, x.signal.tsMs);
          scorer.onSignal(x.signal);
        } else scorer.onDecision(x.decision, lastTsMs);
      },
      error: (e) => out.error(e),
      complete() {
        out.next({ type: 'scorecard', callId, scorecard: scorer.scorecard(), arrivalMs: nowMs() });
        out.complete();
      },
    });
  });
}
