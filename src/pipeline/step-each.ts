// A stage that turns each message into at most one output by a plain call: one subscriber per
// message instead of map and filter (two hops, per audio message of every call). The step is made
// per subscription (it holds the track's state: buffers, framer, analyzer). A step that throws
// fails this call's stream, as map() would — thrown out of next() it would be reported as unhandled
// and take the pipeline worker, and every call on it, down.

import { Observable, type OperatorFunction } from 'rxjs';

/** makeStep: called once per subscription; its step returns the output, or null for none. */
export function stepEach<I, O>(makeStep: () => (input: I) => O | null): OperatorFunction<I, O> {
  return (source) =>
    new Observable<O>((out) => {
      const step = makeStep();
      return source.subscribe({
        next(input) {
          let output: O | null;
          try {
            output = step(input);
          } catch (err) {
            out.error(err);
            return;
          }
          if (output !== null) out.next(output);
        },
        error: (err) => out.error(err),
        complete: () => out.complete(),
      });
    });
}
