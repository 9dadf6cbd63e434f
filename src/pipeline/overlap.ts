// Both tracks' voice activity → talk-over signals for the policy (src/policy/talk-over.ts).

import { Observable, merge, type Observable as Obs } from 'rxjs';
import { HOP_MS } from '../features/types.js';
import type { FeatureBatch } from '../frames/types.js';
import { TalkOverDetector } from '../policy/talk-over.js';
import type { PolicySignal } from '../policy/signals.js';

export function detectTalkOver(caller$: Obs<FeatureBatch>, agent$: Obs<FeatureBatch>, minOverlapMs: () => number): Obs<PolicySignal> {
  return new Observable<PolicySignal>((out) => {
    const detector = new TalkOverDetector(HOP_MS);
    return merge(caller$, agent$).subscribe({
      next(b) {
        const speech = b.frames.map((f) => f.isSpeech);
        for (const overlapMs of detector.push(b.track, speech, minOverlapMs)) {
          out.next({ kind: 'talk-over', tsMs: b.tsMs + b.frames.length * HOP_MS, arrivalMs: b.arrivalMs, overlapMs });
        }
      },
      error: (e) => out.error(e),
      complete: () => out.complete(),
    });
  });
}
