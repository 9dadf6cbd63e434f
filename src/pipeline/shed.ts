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

/**
 * Drains due in this thread, run in one immediate rather than one per call: a pipeline worker hands
 * every call of a batch its frames in one turn, and an Immediate per call per batch (with its async
 * bookkeeping) was a visible item of a worker's profile. The drains run in the order they were
 * scheduled, within the same turn, as their own immediates would have; one scheduled while they run
 * waits for the next turn, as a setImmediate then would.
 */
const due: (() => void)[] = [];
let dueImmediate: ReturnType<typeof setImmediate> | null = null;

/** Runs after each call's drain (setAfterDrain). */
let afterDrain: (() => void) | null = null;

/**
 * A hook run after each call's drain, before the next call's: a pipeline worker posts there what a
 * person waits on (a prompt raised by a call's voice need not wait for every other call's drain of
 * the turn — milliseconds at 50 calls a worker). One per thread; null removes it.
 */
export function setAfterDrain(hook: (() => void) | null): void {
  afterDrain = hook;
}

function runDue(): void {
  dueImmediate = null;
  const drains = due.splice(0, due.length);
  let failure: { err: unknown } | null = null;
  for (const drain of drains) {
    try {
      drain();
      afterDrain?.();
    } catch (err) {
      // One call's failure must not leave the others undrained; it is rethrown once they have run.
      failure ??= { err };
    }
  }
  if (failure) throw failure.err;
}

function whenDue(drain: () => void): void {
  due.push(drain);
  dueImmediate ??= setImmediate(runDue);
}

export function shedAudio({ maxQueuedAudio, onShed }: ShedOptions): OperatorFunction<InputFrame, InputFrame> {
  return (source) =>
    new Observable<InputFrame>((out) => {
      const queue: InputFrame[] = [];
      let audioQueued = 0;
      let scheduled = false;
      let completed = false;

      const drain = () => {
        // Unsubscribed since it was scheduled: nothing to do.
        if (!scheduled) return;
        scheduled = false;
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
        if (scheduled) return;
        scheduled = true;
        whenDue(drain);
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
        scheduled = false;
      };
    });
}
