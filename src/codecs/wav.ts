// WAV files of any common kind — PCM 8–32 bit, float, μ-law, A-law, IMA ADPCM; any rate and channel
// count — as float channels at the file's own rate. wavefile parses the chunks; the samples we
// decode ourselves because its generic bit-depth conversion is ~20× slower, which made training
// I/O-bound. One reader for training, classify-audio, replay and analyze.

import wavefile from 'wavefile';
import { CallcueError, ErrorCodes } from '../errors.js';
import { decodeAlaw, decodeMulaw } from './g711.js';

const { WaveFile } = wavefile;

export interface WavAudio {
  /** One array per channel, samples in −1..1. */
  channels: Float32Array[];
  sampleRateHz: number;
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
const IMA_ADPCM = 17;
const EXTENSIBLE = 0xfffe;

/** Raw data bytes → interleaved floats. */
function decodeSamples(data: Uint8Array, format: number, bits: number): Float32Array {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const bytesPer = bits / 8;
  const n = Math.floor(data.byteLength / bytesPer);
  const out = new Float32Array(n);
  if (format === MULAW || format === ALAW) {
    const pcm = format === MULAW ? decodeMulaw(data.subarray(0, n)) : decodeAlaw(data.subarray(0, n));
    for (let i = 0; i < n; i++) out[i] = pcm[i]! / 32768;
  } else if (format === FLOAT && bits === 32) {
    for (let i = 0; i < n; i++) out[i] = view.getFloat32(i * 4, true);
  } else if (format === FLOAT && bits === 64) {
    for (let i = 0; i < n; i++) out[i] = view.getFloat64(i * 8, true);
  } else if (format === PCM && bits === 8) {
    for (let i = 0; i < n; i++) out[i] = (data[i]! - 128) / 128;
  } else if (format === PCM && bits === 16) {
    for (let i = 0; i < n; i++) out[i] = view.getInt16(i * 2, true) / 32768;
  } else if (format === PCM && bits === 24) {
    for (let i = 0; i < n; i++) {
      const v = data[i * 3]! | (data[i * 3 + 1]! << 8) | (data[i * 3 + 2]! << 16);
      out[i] = ((v << 8) >> 8) / 8388608;
    }
  } else if (format === PCM && bits === 32) {
    for (let i = 0; i < n; i++) out[i] = view.getInt32(i * 4, true) / 2147483648;
  } else {
    throw new CallcueError(ErrorCodes.BAD_AUDIO, `unsupported WAV encoding: format ${format}, ${bits} bits per sample`);
  }
  return out;
}

export function decodeWavChannels(bytes: Uint8Array): WavAudio {
  const wav = new WaveFile();
  try {
    wav.fromBuffer(bytes);
  } catch (err) {
    throw new CallcueError(ErrorCodes.BAD_AUDIO, `not a WAV file wavefile can read: ${(err as Error).message}`);
  }
  let fmt = { ...(wav.fmt as WavFmt) };
  const count = fmt.numChannels;
  const sampleRateHz = fmt.sampleRate;
  if (!(count >= 1) || !(sampleRateHz >= 1000)) {
    throw new CallcueError(ErrorCodes.BAD_AUDIO, `unsupported WAV: ${count} channels at ${sampleRateHz} Hz`);
  }
  if (fmt.audioFormat === IMA_ADPCM) {
    // Rare on phone lines: let wavefile expand it to 16-bit PCM, then decode as usual.
    wav.fromIMAADPCM();
    fmt = { ...(wav.fmt as WavFmt) };
  }
  const format = fmt.audioFormat === EXTENSIBLE ? (fmt.subformat?.[0] ?? PCM) & 0xffff : fmt.audioFormat;
  const interleaved = decodeSamples((wav.data as { samples: Uint8Array }).samples, format, fmt.bitsPerSample);
  const frames = Math.floor(interleaved.length / count);
  const channels = Array.from({ length: count }, () => new Float32Array(frames));
  for (let i = 0; i < frames; i++) for (let c = 0; c < count; c++) channels[c]![i] = interleaved[i * count + c]!;
  return { channels, sampleRateHz, durationMs: (frames / sampleRateHz) * 1000 };
}

/** A 16-bit PCM WAV of the given channels (tests and tools that write recordings). */
export function encodeWav(channels: Float32Array[], sampleRateHz: number): Uint8Array {
  const wav = new WaveFile();
  const ints = channels.map((c) => Int16Array.from(c, (v) => Math.max(-32768, Math.min(32767, Math.round(v * 32767)))));
  wav.fromScratch(channels.length, sampleRateHz, '16', channels.length === 1 ? ints[0]! : ints);
  return wav.toBuffer();
}
