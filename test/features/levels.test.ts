// The frame analyzer's energy and zero crossings come from a WebAssembly loop; they must be exactly
// what the JavaScript loop gave (the energy is every frame's level, the VAD's input and the model's
// loudness), for speech-like, random, tiny (subnormal), silent and signed-zero frames.

import { describe, expect, it } from 'vitest';
import { wasmLevels } from '../../src/features/levels.js';
import { seededNoise } from './signals.js';

function reference(frame: Float32Array): { energy: number; crossings: number } {
  let energy = 0;
  let crossings = 0;
  let prev = frame[0]!;
  for (let i = 0; i < frame.length; i++) {
    const v = frame[i]!;
    energy += v * v;
    if (i > 0 && (prev >= 0) !== (v >= 0)) crossings++;
    prev = v;
  }
  return { energy, crossings };
}

describe('wasmLevels', () => {
  it('is available in this Node (the frame analyzer uses it)', () => {
    expect(wasmLevels()).not.toBeNull();
  });

  it('gives the energy bit for bit and the zero crossings of the JavaScript loop', () => {
    const levels = wasmLevels()!;
    const noise = seededNoise(5);
    const inputs: ((i: number, trial: number) => number)[] = [
      (i, trial) => 0.3 * Math.sin(i * 0.07 * (trial + 1)) + 0.01 * noise(),
      () => noise(),
      () => noise() * 1e-40,
      () => 0,
      (i) => (i % 2 === 0 ? 0 : -0),
      (i) => (i % 5 === 0 ? -1e-45 : 1e-45),
    ];
    for (const size of [256, 1, 80, 1000]) {
      for (const input of inputs) {
        for (let trial = 0; trial < 4; trial++) {
          const buffer = new Float32Array(size + 40);
          const frame = buffer.subarray(17, 17 + size);
          for (let i = 0; i < size; i++) frame[i] = input(i, trial);
          const want = reference(frame);
          expect(Object.is(levels.energy(frame), want.energy)).toBe(true);
          expect(levels.crossings).toBe(want.crossings);
        }
      }
    }
  });
});
