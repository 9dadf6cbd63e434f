// Codecs: G.711 through alawmulaw (a CommonJS package: this runs it, not just type-checks it),
// PCM16 byte order, and resampling that keeps a tone's frequency and level.

import { describe, expect, it } from 'vitest';
import { decodeAudioInto, sampleCount } from '../../src/codecs/pcm.js';
import { decodeAlaw, decodeAudio, decodeMulaw, encodeAudio, pcm16leToInt16, int16ToPcm16le, resample, Resampler } from '../../src/codecs/index.js';

function tone(hz: number, ms: number, rate: number, amp = 0.5): Float32Array {
  const n = Math.round((ms / 1000) * rate);
  return Float32Array.from({ length: n }, (_, i) => amp * Math.sin((2 * Math.PI * hz * i) / rate));
}
const rms = (x: Float32Array) => Math.sqrt(x.reduce((a, v) => a + v * v, 0) / x.length);
/** Dominant frequency by zero crossings. */
function zcFreq(x: Float32Array, rate: number): number {
  let z = 0;
  for (let i = 1; i < x.length; i++) if (x[i - 1]! < 0 !== x[i]! < 0) z++;
  return (z / 2) * (rate / x.length);
}

describe('codecs', () => {
  it('μ-law and A-law round-trip a tone within G.711 quantisation error', () => {
    const x = tone(440, 100, 8000);
    for (const enc of ['mulaw', 'alaw'] as const) {
      const bytes = encodeAudio(x, enc);
      expect(bytes.length).toBe(x.length);
      const y = decodeAudio(bytes, enc);
      let err = 0;
      for (let i = 0; i < x.length; i++) err = Math.max(err, Math.abs(x[i]! - y[i]!));
      expect(err).toBeLessThan(0.02);
    }
  });

  it('G.711 decodes every byte to exactly the codec sample / 32768 (the live path looks it up)', () => {
    const all = Uint8Array.from({ length: 256 }, (_, b) => b);
    for (const [enc, decode] of [
      ['mulaw', decodeMulaw],
      ['alaw', decodeAlaw],
    ] as const) {
      const ints = decode(all);
      expect(Array.from(decodeAudio(all, enc))).toEqual(Array.from(ints, (v) => Math.fround(v / 32768)));
    }
  });

  it('decodes into a given buffer exactly as into a fresh one, for every encoding', () => {
    const x = tone(440, 40, 8000, 0.9);
    for (const enc of ['pcm16le', 'mulaw', 'alaw'] as const) {
      const bytes = encodeAudio(x, enc);
      const fresh = decodeAudio(bytes, enc);
      const slab = new Float32Array(fresh.length + 10).fill(7);
      const into = decodeAudioInto(bytes, enc, slab.subarray(5, 5 + fresh.length));
      expect(Array.from(into)).toEqual(Array.from(fresh));
      expect([slab[4], slab[5 + fresh.length]]).toEqual([7, 7]);
      expect(sampleCount(bytes, enc)).toBe(fresh.length);
    }
    expect(() => decodeAudioInto(new Uint8Array(3), 'pcm16le', new Float32Array(1))).toThrow(/even/);
  });

  it('μ-law silence byte 0xFF decodes to zero', () => {
    expect(Array.from(decodeAudio(new Uint8Array([0xff, 0xff]), 'mulaw'))).toEqual([0, 0]);
  });

  it('PCM16 is little-endian and rejects odd byte counts', () => {
    expect(Array.from(pcm16leToInt16(new Uint8Array([0x01, 0x00, 0xff, 0x7f, 0x00, 0x80])))).toEqual([1, 32767, -32768]);
    expect(Array.from(int16ToPcm16le(Int16Array.from([1, -2])))).toEqual([1, 0, 0xfe, 0xff]);
    expect(() => pcm16leToInt16(new Uint8Array(3))).toThrow(/even/);
  });

  it('16 kHz → 8 kHz keeps a 300 Hz tone and removes a 6 kHz one', () => {
    const keep = resample(tone(300, 500, 16000), 16000, 8000);
    expect(keep.length).toBe(4000);
    expect(zcFreq(keep.subarray(200, 3800), 8000)).toBeCloseTo(300, -1);
    expect(rms(keep.subarray(200, 3800))).toBeGreaterThan(0.3);
    const alias = resample(tone(6000, 500, 16000), 16000, 8000);
    expect(rms(alias.subarray(200, 3800))).toBeLessThan(0.02);
  });

  it('streaming in chunks gives the same signal as one shot', () => {
    const x = tone(250, 400, 16000);
    const r = new Resampler(16000, 8000);
    const parts: number[] = [];
    for (let i = 0; i < x.length; i += 320) parts.push(...r.push(x.subarray(i, i + 320)));
    const whole = resample(x, 16000, 8000);
    for (let i = 0; i < parts.length; i++) expect(parts[i]).toBeCloseTo(whole[i]!, 5);
  });

  it('resamples odd rates (44.1 kHz files)', () => {
    const y = resample(tone(200, 300, 44100), 44100, 8000);
    expect(y.length).toBe(2400);
    expect(zcFreq(y.subarray(100, 2300), 8000)).toBeCloseTo(200, -1);
  });
});
