// Two classes no straight line separates — inside a ring of radius 1, outside radius 2 — with the
// axes offset and stretched, so a model must cope with badly scaled inputs too. Shared by the
// tests of the trainable models (MLP, random Fourier features).

import { createRng } from '../../src/training/rng.js';

export interface RingSet {
  x: Float32Array[];
  y: number[];
}

export function rings(n: number, seed: number, axes: { offsetX?: number; scaleY: number }): RingSet {
  const rng = createRng(seed);
  const x: Float32Array[] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const cls = i % 2;
    const r = cls === 0 ? rng.uniform(0, 1) : rng.uniform(2, 3);
    const a = rng.uniform(0, 2 * Math.PI);
    x.push(Float32Array.from([r * Math.cos(a) + (axes.offsetX ?? 0), r * Math.sin(a) * axes.scaleY]));
    y.push(cls);
  }
  return { x, y };
}

/** Share of rows whose higher of two scores is their class. */
export function accuracy(scores: (row: Float32Array) => ArrayLike<number>, set: RingSet): number {
  return (
    set.x.filter((row, i) => {
      const s = scores(row);
      return (s[1]! > s[0]! ? 1 : 0) === set.y[i];
    }).length / set.x.length
  );
}
