import { describe, expect, it } from 'vitest';
import { applyChannel, CLEAN_CHANNEL, drawChannel } from '../../src/training/channel.js';
import { createRng } from '../../src/training/rng.js';
import { decodeWav } from '../../src/training/wav.js';
import wavefile from 'wavefile';

const { WaveFile } = wavefile;

function tone(hz: number, n: number, amplitude = 0.3): Float32Array {
  return Float32Array.from({ length: n }, (_, i) => amplitude * Math.sin((2 * Math.PI * hz * i) / 8000));
}
const rms = (x: Float32Array): number => Math.sqrt(x.reduce((s, v) => s + v * v, 0) / x.length);

describe('applyChannel', () => {
  it('round-trips through μ-law and A-law (alawmulaw at run time) with small error', () => {
    const x = tone(440, 8000);
    for (const codec of ['mulaw', 'alaw'] as const) {
      const y = applyChannel(x, { ...CLEAN_CHANNEL, codec }, createRng(1));
      let err = 0;
      for (let i = 0; i < x.length; i++) err += (y[i] - x[i]) ** 2;
      expect(Math.sqrt(err / x.length) / rms(x)).toBeLessThan(0.05);
      expect(y).not.toEqual(x);
    }
  });

  it('applies gain, band limits and noise at the requested SNR', () => {
    const x = tone(1000, 8000);
    const quieter = applyChannel(x, { ...CLEAN_CHANNEL, gainDb: -20 }, createRng(1));
    expect(20 * Math.log10(rms(quieter) / rms(x))).toBeCloseTo(-20, 0);
    const hum = applyChannel(tone(60, 8000), { ...CLEAN_CHANNEL, bandLimit: true }, createRng(1));
    expect(rms(hum.subarray(2000))).toBeLessThan(0.05 * rms(x));
    const noisy = applyChannel(new Float32Array(8000), { ...CLEAN_CHANNEL, snrDb: 20 }, createRng(1));
    expect(rms(noisy)).toBe(0);
    const withNoise = applyChannel(x, { ...CLEAN_CHANNEL, snrDb: 20 }, createRng(1));
    const noise = withNoise.map((v, i) => v - x[i]);
    expect(20 * Math.log10(rms(x) / rms(noise))).toBeGreaterThan(17);
    expect(20 * Math.log10(rms(x) / rms(noise))).toBeLessThan(23);
  });

  it('draws reproducible channels from a seed', () => {
    expect(drawChannel(createRng(5))).toEqual(drawChannel(createRng(5)));
  });
});

describe('decodeWav', () => {
  const samples = Int16Array.from(tone(300, 16000, 0.5), (v) => Math.round(v * 32767));

  it('reads PCM16 at 16 kHz and resamples to 8 kHz', () => {
    const wav = new WaveFile();
    wav.fromScratch(1, 16000, '16', samples);
    const audio = decodeWav(wav.toBuffer());
    expect(audio.sourceRateHz).toBe(16000);
    expect(audio.samples.length).toBe(8000);
    expect(audio.durationMs).toBeCloseTo(1000, 5);
    expect(rms(audio.samples.subarray(100, 7900))).toBeCloseTo(0.5 / Math.SQRT2, 2);
  });

  it('reads μ-law and A-law WAVs', () => {
    for (const encode of ['toMuLaw', 'toALaw'] as const) {
      const wav = new WaveFile();
      wav.fromScratch(1, 8000, '16', samples.subarray(0, 8000));
      wav[encode]();
      const audio = decodeWav(wav.toBuffer());
      expect(audio.samples.length).toBe(8000);
      expect(rms(audio.samples)).toBeCloseTo(0.5 / Math.SQRT2, 2);
    }
  });

  it('picks a channel of a stereo file', () => {
    const wav = new WaveFile();
    const silent = new Int16Array(8000);
    wav.fromScratch(2, 8000, '16', [silent, samples.subarray(0, 8000)]);
    expect(rms(decodeWav(wav.toBuffer(), 0).samples)).toBe(0);
    expect(rms(decodeWav(wav.toBuffer(), 1).samples)).toBeGreaterThan(0.3);
    expect(() => decodeWav(wav.toBuffer(), 2)).toThrow(/channel 2/);
  });

  it('rejects bytes that are not a WAV with a coded error', () => {
    expect(() => decodeWav(new TextEncoder().encode('definitely not audio'))).toThrow(expect.objectContaining({ code: 'BAD_AUDIO' }));
  });
});
