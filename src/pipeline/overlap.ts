// Both tracks' voice activity → turn-taking signals for the policy and QA (src/policy/talk-over.ts).

import { Observable, merge, type Observable as Obs } from 'rxjs';
import { HOP_MS } from '../features/types.js';
import type { FeatureBatch } from '../frames/types.js';
import { TurnTaking, type TurnLimits } from '../policy/talk-over.js';
import type { PolicySignal } from '../policy/signals.js';

export function detectTurns(caller$: Obs<FeatureBatch>, agent$: Obs<FeatureBatch>, limits: () => TurnLimits): Obs<PolicySignal> {
  return new Observable<PolicySignal>((out) => {
    const turns = new TurnTaking(HOP_MS);
    return merge(caller$, agent$).subscribe({
      next(b) {
        for (const t of turns.push(b.track, b.frames.isSpeech, b.frames.length, limits)) {
          out.next(
            t.kind === 'talk-over'
              ? { kind: 'talk-over', tsMs: t.atMs, arrivalMs: b.arrivalMs, overlapMs: t.overlapMs }
              : { kind: 'silence', tsMs: t.atMs, arrivalMs: b.arrivalMs, silenceMs: t.silenceMs },
          );
        }
      },
      error: (e) => out.error(e),
      complete: () => out.complete(),
    });
  });
}
