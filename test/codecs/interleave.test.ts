// Interleaving round trips for the two sample widths the bridges use, and torn frames refused.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deinterleave, interleave } from '../../src/codecs/interleave.js';

describe('interleave / deinterleave', () => {
  it('splits PCMU [external, internal] byte pairs into two channels', () => {
    const [a, b] = deinterleave(Uint8Array.from([1, 2, 3, 4, 5, 6]), 2, 1);
    expect([...a!]).toEqual([1, 3, 5]);
    expect([...b!]).toEqual([2, 4, 6]);
  });

  it('splits L16 stereo frames two bytes at a time', () => {
    const [a, b] = deinterleave(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]), 2, 2);
    expect([...a!]).toEqual([1, 2, 5, 6]);
    expect([...b!]).toEqual([3, 4, 7, 8]);
  });

  it('round-trips any whole-frame audio', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 }), fc.integer({ min: 0, max: 64 }), fc.integer(), (ch, width, n, seed) => {
        const chans = Array.from({ length: ch }, (_, c) => Uint8Array.from({ length: n * width }, (_, i) => (seed + i * 7 + c * 13) & 0xff));
        const back = deinterleave(interleave(chans, width), ch, width);
        expect(back.map((x) => [...x])).toEqual(chans.map((x) => [...x]));
      }),
    );
  });

  it('refuses a message that is not whole frames rather than shifting a speaker', () => {
    expect(() => deinterleave(new Uint8Array(5), 2, 1)).toThrow(/whole frames of 2 bytes/);
    expect(() => deinterleave(new Uint8Array(6), 2, 2)).toThrow(/whole frames of 4 bytes/);
  });
});
