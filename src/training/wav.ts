// Reads WAV files of any common kind (PCM 8–32 bit, float, μ-law, A-law; any rate and channel
// count) into mono floats at the internal 8 kHz rate: wavefile parses, our resampler converts.

import { readFileSync } from 'node:fs';
import wavefile from 'wavefile';
import { decodeAlaw, decodeMulaw } from '../codecs/g711.js';
import { resample } from '../codecs/resample.js';
import { CallcueError, ErrorCodes } from '../errors.js';
import { INTERNAL_RATE_HZ } from '../features/types.js';

const { WaveFile } = wavefile;

export interface LoadedAudio {
  samples: Float32Array;
  /** The file's own rate and channels, before conversion. */
  sourceRateHz: number;
  channels: number;
  durationMs: number;
}

interface WavFmt {
  audioFormat: number;
  numChannels: number;
  sampleRate: number;
  bitsPerSample: number;
  subformat?: number[];
}

const PCM = 1;
const FLOAT = 3;
const ALAW = 6;
const MULAW = 7;
const EXTENSIBLE = 0xfffe;

/**
 * Raw data bytes → interleaved floats. wavefile parses the chunks; the samples we decode
 * ourselves because its generic bit-depth conversion is ~20× slower, which made training
 * I/O-bound.
 */
function decodeSamples(data: Uint8Array, format: number, bits: number): Float32Array {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const bytesPer = bits / 8;
  const n = Math.floor(data.byteLength / bytesPer);
  const out = new Float32Array(n);
  if (format === MULAW || format === ALAW) {
    const pcm = format === MULAW ? decodeMulaw(data.subarray(0, n)) : decodeAlaw(data.subarray(0, n));
    for (let i = 0; i < n; i++) out[i] = pcm[i] / 32768;
  } else if (format === FLOAT && bits === 32) {
    for (let i = 0; i < n; i++) out[i] = view.getFloat32(i * 4, true);
  } else if (format === FLOAT && bits === 64) {
    for (let i = 0; i < n; i++) out[i] = view.getFloat64(i * 8, true);
  } else if (format === PCM && bits === 8) {
    for (let i = 0; i < n; i++) out[i] = (data[i] - 128) / 128;
  } else if (format === PCM && bits === 16) {
    for (let i = 0; i < n; i++) out[i] = view.getInt16(i * 2, true) / 32768;
  } else if (format === PCM && bits === 24) {
    for (let i = 0; i < n; i++) {
      const v = data[i * 3] | (data[i * 3 + 1] << 8) | (data[i * 3 + 2] << 16);
      out[i] = ((v << 8) >> 8) / 8388608;
    }
  } else if (format === PCM && bits === 32) {
    for (let i = 0; i < n; i++) out[i] = view.getInt32(i * 4, true) / 2147483648;
  } else {
    throw new CallcueError(ErrorCodes.BAD_AUDIO, `unsupported WAV encoding: format ${format}, ${bits} bits per sample`);
  }
  return out;
}

/** Which channel to keep; undefined mixes all channels down. */
export function decodeWav(bytes: Uint8Array, channel?: number): LoadedAudio {
  const wav = new WaveFile();
  try {
    wav.fromBuffer(bytes);
  } catch (err) {
    throw new CallcueError(ErrorCodes.BAD_AUDIO, `not a readable WAV file: ${(err as Error).message}`);
  }
  const fmt = wav.fmt as WavFmt;
  const channels = fmt.numChannels;
  const sourceRateHz = fmt.sampleRate;
  if (!(channels >= 1) || !(sourceRateHz >= 1000)) {
    throw new CallcueError(ErrorCodes.BAD_AUDIO, `unsupported WAV: ${channels} channels at ${sourceRateHz} Hz`);
  }
  if (channel !== undefined && (!Number.isInteger(channel) || channel < 0 || channel >= channels)) {
    throw new CallcueError(ErrorCodes.BAD_AUDIO, `channel ${channel} requested, the file has ${channels}`);
  }
  const format = fmt.audioFormat === EXTENSIBLE ? (fmt.subformat?.[0] ?? PCM) & 0xffff : fmt.audioFormat;
  const data = (wav.data as { samples: Uint8Array }).samples;
  const interleaved = decodeSamples(data, format, fmt.bitsPerSample);
  const frames = Math.floor(interleaved.length / channels);
  const mono = new Float32Array(frames);
  for (let i = 0; i < frames; i++) {
    if (channel !== undefined) mono[i] = interleaved[i * channels + channel];
    else {
      let s = 0;
      for (let c = 0; c < channels; c++) s += interleaved[i * channels + c];
      mono[i] = s / channels;
    }
  }
  return {
    samples: resample(mono, sourceRateHz, INTERNAL_RATE_HZ),
    sourceRateHz,
    channels,
    durationMs: (frames / sourceRateHz) * 1000,
  };
}

export function loadWav(path: string, channel?: number): LoadedAudio {
  return decodeWav(readFileSync(path), channel);
}
