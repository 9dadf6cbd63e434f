import { describe, expect, it } from 'vitest';
import { FRAME_SIZE_SAMPLES, Framer, HOP_SIZE_SAMPLES } from '../../src/features/index.js';

describe('Framer', () => {
  it('cuts chunks of any length into overlapping frames at the hop', () => {
    const total = 8000;
    const signal = Float32Array.from({ length: total }, (_, i) => i);
    const framer = new Framer();
    const frames: Float32Array[] = [];
    let at = 0;
    for (const size of [1, 7, 255, 256, 257, 80, 3000, 4144]) {
      frames.push(...framer.push(signal.subarray(at, at + size)));
      at += size;
    }
    expect(at).toBe(total);
    expect(frames).toHaveLength(Math.floor((total - FRAME_SIZE_SAMPLES) / HOP_SIZE_SAMPLES) + 1);
    frames.forEach((f, k) => {
      expect(f).toHaveLength(FRAME_SIZE_SAMPLES);
      expect(f[0]).toBe(k * HOP_SIZE_SAMPLES);
      expect(f[FRAME_SIZE_SAMPLES - 1]).toBe(k * HOP_SIZE_SAMPLES + FRAME_SIZE_SAMPLES - 1);
    });
  });

  it('returns frames the caller can keep after later pushes', () => {
    const framer = new Framer();
    const first = framer.push(new Float32Array(FRAME_SIZE_SAMPLES).fill(1))[0];
    framer.push(new Float32Array(1000).fill(2));
    expect(first.every((v) => v === 1)).toBe(true);
  });

  it('returns nothing until a whole frame has arrived', () => {
    const framer = new Framer();
    expect(framer.push(new Float32Array(FRAME_SIZE_SAMPLES - 1))).toHaveLength(0);
    expect(framer.push(new Float32Array(1))).toHaveLength(1);
  });

  it('lends the same frames as views made once per position in its buffer, without copies to keep', () => {
    const signal = Float32Array.from({ length: 3000 }, (_, i) => Math.sin(i / 7));
    const kept = new Framer().push(signal);
    const lent: Float32Array[] = [];
    const buffers = new Set<Float32Array>();
    const framer = new Framer();
    for (let at = 0; at < signal.length; at += 160) {
      framer.forEachFrame(signal.subarray(at, at + 160), (f) => {
        buffers.add(f);
        lent.push(f.slice());
      });
    }
    expect(lent).toEqual(kept);
    // 160-sample messages leave frames at two positions of the buffer: two views for the whole signal.
    expect(lent.length).toBeGreaterThan(30);
    expect(buffers.size).toBe(2);
  });
});

