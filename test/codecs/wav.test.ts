// The one WAV reader (src/codecs/wav.ts) behind training, classify-audio, replay and analyze.
import wavefile from 'wavefile';
import { describe, expect, it } from 'vitest';
import { decodeWavChannels, encodeWav } from '../../src/codecs/wav.js';
import { decodeWav as decodeCallWav } from '../../src/cli/wav.js';
import { decodeWav as decodeModelWav } from '../../src/training/wav.js';

const { WaveFile } = wavefile;

function tone(n: number, rateHz: number, hz = 440, amplitude = 0.5): Float32Array {
  return Float32Array.from({ length: n }, (_, i) => amplitude * Math.sin((2 * Math.PI * hz * i) / rateHz));
}

const int16 = (x: Float32Array) => Int16Array.from(x, (v) => Math.round(v * 32767));

describe('decodeWavChannels', () => {
  it('reads PCM16 stereo into one array per channel at the file rate', () => {
    const a = decodeWavChannels(encodeWav([tone(1600, 16000), tone(1600, 16000, 200, 0.25)], 16000));
    expect(a.channels).toHaveLength(2);
    expect(a.sampleRateHz).toBe(16000);
    expect(a.durationMs).toBeCloseTo(100, 6);
    expect(a.channels[1]![40]).toBeCloseTo(0.25 * Math.sin((2 * Math.PI * 200 * 40) / 16000), 3);
  });

  it.each([
    ['24', (w: InstanceType<typeof WaveFile>) => w.toBitDepth('24')],
    ['A-law', (w: InstanceType<typeof WaveFile>) => w.toALaw()],
    ['μ-law', (w: InstanceType<typeof WaveFile>) => w.toMuLaw()],
  ])('reads %s close to the original', (_name, convert) => {
    const x = tone(8000, 8000, 300, 0.4);
    const w = new WaveFile();
    w.fromScratch(1, 8000, '16', int16(x));
    convert(w);
    const a = decodeWavChannels(w.toBuffer());
    expect(a.sampleRateHz).toBe(8000);
    const y = a.channels[0]!;
    expect(y.length).toBe(8000);
    let err = 0;
    for (let i = 0; i < 8000; i++) err += (y[i]! - x[i]!) ** 2;
    // Companding is lossy: a tone at −8 dBFS stays within a few percent of its RMS.
    expect(Math.sqrt(err / 8000)).toBeLessThan(0.03);
  });

  it('reads IMA ADPCM (expanded by wavefile) at the level it was written', () => {
    const x = tone(8000, 8000, 300, 0.4);
    const w = new WaveFile();
    w.fromScratch(1, 8000, '16', int16(x));
    w.toIMAADPCM();
    const y = decodeWavChannels(w.toBuffer()).channels[0]!;
    // ADPCM blocks carry header samples, so samples do not line up one to one; the level does.
    const rms = (v: Float32Array) => Math.sqrt(v.reduce((s, t) => s + t * t, 0) / v.length);
    expect(y.length).toBeGreaterThanOrEqual(8000);
    expect(rms(y.subarray(0, 8000))).toBeCloseTo(rms(x), 1);
  });

  it('answers bytes that are not a WAV with BAD_AUDIO', () => {
    expect(() => decodeWavChannels(new Uint8Array(64))).toThrow(expect.objectContaining({ code: 'BAD_AUDIO' }));
  });
});

describe('its two users', () => {
  const three = encodeWav([tone(800, 8000), tone(800, 8000), tone(800, 8000)], 8000);

  it('the models mix any channel count down to 8 kHz mono', () => {
    const a = decodeModelWav(three);
    expect(a.channels).toBe(3);
    expect(a.samples.length).toBe(800);
  });

  it('the replay tool takes one or two channels (caller, agent) and refuses more', () => {
    expect(() => decodeCallWav(three)).toThrow(/1 or 2 channels/);
  });
});
