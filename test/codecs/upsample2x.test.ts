import { describe, expect, it } from 'vitest';
import { Upsampler2x } from '../../src/codecs/upsample2x.js';

const tone = (hz: number, n: number, rate: number, from = 0) => Float32Array.from({ length: n }, (_, i) => Math.sin((2 * Math.PI * hz * (i + from)) / rate));
/** Amplitude of one frequency in a signal (a single DFT bin, by correlation). */
function amplitudeAt(x: Float32Array, hz: number, rate: number): number {
  let re = 0;
  let im = 0;
  for (let i = 0; i < x.length; i++) {
    re += x[i]! * Math.cos((2 * Math.PI * hz * i) / rate);
    im += x[i]! * Math.sin((2 * Math.PI * hz * i) / rate);
  }
  return (2 * Math.hypot(re, im)) / x.length;
}

describe('2× upsampling, 8 kHz → 16 kHz', () => {
  it('keeps a telephone-band tone at its level and puts no image above 4 kHz, across chunk boundaries', () => {
    const up = new Upsampler2x();
    const chunks: Float32Array[] = [];
    for (let c = 0; c < 50; c++) chunks.push(up.push(tone(1000, 160, 8000, c * 160)));
    const out = new Float32Array(chunks.reduce((a, c) => a + c.length, 0));
    let o = 0;
    for (const c of chunks) {
      out.set(c, o);
      o += c.length;
    }
    expect(out.length).toBe(50 * 320);
    const steady = out.subarray(1600);
    expect(amplitudeAt(steady, 1000, 16_000)).toBeCloseTo(1, 2);
    // The image of 1 kHz at 8 kHz − 1 kHz = 7 kHz is what a bad interpolator leaves behind.
    expect(amplitudeAt(steady, 7000, 16_000)).toBeLessThan(0.001);
  });
});
