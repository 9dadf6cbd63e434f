// Both tracks' voice activity → turn-taking signals for the policy and QA (src/policy/talk-over.ts).
// Charged to the profile's policy stage (turn-taking is policy work: stage-clock.ts), not left in
// the pipeline's plumbing, where it ran untimed for every audio message.

import { Observable, Subscription, type Observable as Obs } from 'rxjs';
import { HOP_MS } from '../features/types.js';
import type { FeatureBatch } from '../frames/types.js';
import { stageClock } from '../observability/stage-clock.js';
import { TurnTaking, type TurnEvent, type TurnLimits } from '../policy/talk-over.js';
import type { PolicySignal } from '../policy/signals.js';

export function detectTurns(caller$: Obs<FeatureBatch>, agent$: Obs<FeatureBatch>, limits: () => TurnLimits): Obs<PolicySignal> {
  return new Observable<PolicySignal>((out) => {
    const turns = new TurnTaking(HOP_MS);
    // Both tracks into one plain observer rather than merge(): one fewer hop per audio message.
    let open = 2;
    const observer = {
      next(b: FeatureBatch) {
        stageClock.enter('policy');
        let events: readonly TurnEvent[];
        try {
          events = turns.push(b.track, b.frames.isSpeech, b.frames.length, limits);
        } catch (err) {
          out.error(err);
          return;
        } finally {
          stageClock.exit();
        }
        for (const t of events) {
          out.next(
            t.kind === 'talk-over'
              ? { kind: 'talk-over', tsMs: t.atMs, arrivalMs: b.arrivalMs, overlapMs: t.overlapMs }
              : { kind: 'silence', tsMs: t.atMs, arrivalMs: b.arrivalMs, silenceMs: t.silenceMs },
          );
        }
      },
      error: (err: unknown) => out.error(err),
      complete() {
        if (--open === 0) out.complete();
      },
    };
    const subs = new Subscription();
    subs.add(caller$.subscribe(observer));
    if (!out.closed) subs.add(agent$.subscribe(observer));
    return subs;
  });
}
