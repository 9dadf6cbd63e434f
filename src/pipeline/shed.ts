// Stage 0: the call's bounded input queue. Frames are handed on asynchronously so one call cannot
// hog the event loop; when a call falls behind, its oldest audio is shed (counted) — never a
// transcript or a stop, and never an unbounded queue.

import { Observable, type OperatorFunction } from 'rxjs';
import type { InputFrame } from '../frames/types.js';
import { stageClock } from '../observability/stage-clock.js';

export interface ShedOptions {
  maxQueuedAudio: number;
  onShed: (frame: InputFrame) => void;
}

export function shedAudio({ maxQueuedAudio, onShed }: ShedOptions): OperatorFunction<InputFrame, InputFrame> {
  return (source) =>
    new Observable<InputFrame>((out) => {
      const queue: InputFrame[] = [];
      let audioQueued = 0;
      let scheduled: ReturnType<typeof setImmediate> | null = null;
      let completed = false;

      const drain = () => {
        scheduled = null;
        // Everything downstream runs inside this turn: the stages time themselves, the rest is plumbing.
        stageClock.begin('pipeline');
        while (queue.length > 0 && !out.closed) {
          const frame = queue.shift()!;
          if (frame.kind === 'raw-audio') audioQueued--;
          out.next(frame);
        }
        if (completed) out.complete();
        stageClock.end();
      };
      const schedule = () => {
        scheduled ??= setImmediate(drain);
      };

      const sub = source.subscribe({
        next(frame) {
          if (frame.kind === 'raw-audio') {
            if (audioQueued >= maxQueuedAudio) {
              const oldest = queue.findIndex((f) => f.kind === 'raw-audio');
              onShed(queue[oldest]!);
              queue.splice(oldest, 1);
              audioQueued--;
            }
            audioQueued++;
          }
          queue.push(frame);
          schedule();
        },
        error: (err) => out.error(err),
        complete() {
          completed = true;
          schedule();
        },
      });
      return () => {
        sub.unsubscribe();
        if (scheduled) clearImmediate(scheduled);
      };
    });
}
