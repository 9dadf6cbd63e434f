// Linear PCM conversions between the wire's 16-bit little-endian bytes and the pipeline's floats.

import { CallcueError, ErrorCodes } from '../errors.js';
import type { AudioEncoding } from '../frames/types.js';
import { decodeAlaw, decodeMulaw, encodeAlaw, encodeMulaw } from './g711.js';

function checkPcm16(bytes: Uint8Array): void {
  if (bytes.byteLength % 2 !== 0) {
    throw new CallcueError(ErrorCodes.BAD_AUDIO, `pcm16le audio needs an even byte count, got ${bytes.byteLength}`);
  }
}

/** Little-endian 16-bit bytes → Int16Array (copies: the source buffer may be unaligned or reused). */
export function pcm16leToInt16(bytes: Uint8Array): Int16Array {
  checkPcm16(bytes);
  const out = new Int16Array(bytes.byteLength / 2);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < out.length; i++) out[i] = view.getInt16(i * 2, true);
  return out;
}

export function int16ToPcm16le(samples: Int16Array): Uint8Array {
  const out = new Uint8Array(samples.length * 2);
  const view = new DataView(out.buffer);
  for (let i = 0; i < samples.length; i++) view.setInt16(i * 2, samples[i]!, true);
  return out;
}

export function int16ToFloat(samples: Int16Array): Float32Array {
  const out = new Float32Array(samples.length);
  for (let i = 0; i < samples.length; i++) out[i] = samples[i]! / 32768;
  return out;
}

export function floatToInt16(samples: Float32Array): Int16Array {
  const out = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) {
    const v = Math.max(-1, Math.min(1, samples[i]!));
    out[i] = v < 0 ? Math.round(v * 32768) : Math.round(v * 32767);
  }
  return out;
}

/**
 * G.711 byte → float, for all 256 bytes: decoding is a table lookup, with the very values the codec
 * and int16ToFloat give (every live call's audio passes here, 8,000 bytes a second per track).
 */
function g711Table(decode: (bytes: Uint8Array) => Int16Array): Float32Array {
  return int16ToFloat(decode(Uint8Array.from({ length: 256 }, (_, b) => b)));
}
const MULAW_TO_FLOAT = g711Table(decodeMulaw);
const ALAW_TO_FLOAT = g711Table(decodeAlaw);

function decodeG711(bytes: Uint8Array, table: Float32Array, out: Float32Array): void {
  for (let i = 0; i < bytes.length; i++) out[i] = table[bytes[i]!]!;
}

/** How many samples the bytes hold (whole samples; a pcm16le odd byte is an error on decoding). */
export function sampleCount(bytes: Uint8Array, encoding: AudioEncoding): number {
  return encoding === 'pcm16le' ? bytes.byteLength >> 1 : bytes.byteLength;
}

/** Any wire encoding → floats in [-1, 1], written into out (sampleCount long). */
export function decodeAudioInto(bytes: Uint8Array, encoding: AudioEncoding, out: Float32Array): Float32Array {
  switch (encoding) {
    case 'pcm16le': {
      checkPcm16(bytes);
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      for (let i = 0; i < out.length; i++) out[i] = view.getInt16(i * 2, true) / 32768;
      return out;
    }
    case 'mulaw':
      decodeG711(bytes, MULAW_TO_FLOAT, out);
      return out;
    case 'alaw':
      decodeG711(bytes, ALAW_TO_FLOAT, out);
      return out;
  }
}

/** Any wire encoding → floats in [-1, 1]. */
export function decodeAudio(bytes: Uint8Array, encoding: AudioEncoding): Float32Array {
  return decodeAudioInto(bytes, encoding, new Float32Array(sampleCount(bytes, encoding)));
}

/** Floats → wire bytes: what bridges, the replay tool and tests send. */
export function encodeAudio(samples: Float32Array, encoding: AudioEncoding): Uint8Array {
  const pcm = floatToInt16(samples);
  switch (encoding) {
    case 'pcm16le':
      return int16ToPcm16le(pcm);
    case 'mulaw':
      return encodeMulaw(pcm);
    case 'alaw':
      return encodeAlaw(pcm);
  }
}

export function bytesPerSample(encoding: AudioEncoding): number {
  return encoding === 'pcm16le' ? 2 : 1;
}
