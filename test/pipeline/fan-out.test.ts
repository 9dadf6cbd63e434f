// fanOut() keeps share()'s contract for synchronous readers: one subscription to the source for all
// readers, every value to every reader in subscription order, a reader leaving mid-value does not
// cost the others that value, and the source left with the last reader.

import { Observable, Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { fanOut } from '../../src/pipeline/fan-out.js';

describe('fanOut', () => {
  it('hands every value to every reader, in subscription order, from one subscription', () => {
    let subscriptions = 0;
    const input = new Subject<number>();
    const shared = new Observable<number>((out) => {
      subscriptions++;
      return input.subscribe(out);
    }).pipe(fanOut());
    const seen: string[] = [];
    shared.subscribe({ next: (v) => seen.push(`a${v}`), complete: () => seen.push('a.'), error: () => seen.push('a!') });
    shared.subscribe({ next: (v) => seen.push(`b${v}`), complete: () => seen.push('b.'), error: () => seen.push('b!') });
    input.next(1);
    input.next(2);
    input.complete();
    expect(seen).toEqual(['a1', 'b1', 'a2', 'b2', 'a.', 'b.']);
    expect(subscriptions).toBe(1);
  });

  it('errors the readers in subscription order', () => {
    const input = new Subject<number>();
    const shared = input.pipe(fanOut());
    const seen: string[] = [];
    shared.subscribe({ error: () => seen.push('a') });
    shared.subscribe({ error: () => seen.push('b') });
    input.error(new Error('x'));
    expect(seen).toEqual(['a', 'b']);
  });

  it('still hands a value to a reader after one that left while it was handed out', () => {
    const input = new Subject<number>();
    const shared = input.pipe(fanOut());
    const seen: string[] = [];
    const first = shared.subscribe((v) => {
      seen.push(`a${v}`);
      first.unsubscribe();
    });
    shared.subscribe((v) => seen.push(`b${v}`));
    input.next(1);
    input.next(2);
    expect(seen).toEqual(['a1', 'b1', 'b2']);
  });

  it('leaves the source when the last reader leaves, and no sooner', () => {
    const input = new Subject<number>();
    const shared = input.pipe(fanOut());
    const a = shared.subscribe();
    const b = shared.subscribe();
    a.unsubscribe();
    expect(input.observed).toBe(true);
    b.unsubscribe();
    expect(input.observed).toBe(false);
  });
});
