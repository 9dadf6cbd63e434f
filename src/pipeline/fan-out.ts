// share() for a stream its readers take synchronously, message by message (a track's feature
// batches: its windows and the turn-taking). The same contract — the source subscribed with the
// first reader and left with the last, completion and errors to the readers in subscription order —
// without a Subject between: share() hands every value through a SafeSubscriber and a Subject
// (a closure and an observer snapshot per value), per audio message on every call.

import { Observable, type MonoTypeOperatorFunction, type Subscriber, type Subscription } from 'rxjs';

export function fanOut<T>(): MonoTypeOperatorFunction<T> {
  return (source) => {
    // Replaced, never mutated, as readers come and go: a value goes to the readers there were when
    // it came, even if one of them leaves while it is handed out.
    let readers: readonly Subscriber<T>[] = [];
    let connection: Subscription | null = null;
    const connect = () =>
      source.subscribe({
        next(value) {
          const now = readers;
          for (let i = 0; i < now.length; i++) now[i]!.next(value);
        },
        error(err) {
          for (const r of readers) r.error(err);
        },
        complete() {
          for (const r of readers) r.complete();
        },
      });
    return new Observable<T>((out) => {
      readers = [...readers, out];
      if (connection === null) {
        const connected = connect();
        // A source that ended while connecting is connected afresh by the next reader (as share() does).
        if (!connected.closed) connection = connected;
      }
      return () => {
        readers = readers.filter((r) => r !== out);
        if (readers.length === 0 && connection !== null) {
          const was = connection;
          connection = null;
          was.unsubscribe();
        }
      };
    });
  };
}
