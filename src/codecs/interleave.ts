// Interleaved multi-channel audio ⇄ one byte array per channel. AudioHook (PCMU, 1 byte a
// sample) and raw-PCM forks (L16, 2 bytes a sample) both carry stereo as frames of
// [ch0, ch1] samples; the pipeline wants each speaker on its own track.

import { CallcueError, ErrorCodes } from '../errors.js';

/**
 * Splits interleaved bytes into `channels` arrays. `bytesPerSample` is 1 for G.711, 2 for L16.
 * Throws BAD_AUDIO when the length is not whole frames, so a torn message is refused, not
 * silently shifted onto the wrong speaker.
 */
export function deinterleave(bytes: Uint8Array, channels: number, bytesPerSample: number): Uint8Array[] {
  if (channels === 1) return [bytes];
  const frameBytes = channels * bytesPerSample;
  if (bytes.byteLength % frameBytes !== 0) {
    throw new CallcueError(
      ErrorCodes.BAD_AUDIO,
      `${channels}-channel audio needs whole frames of ${frameBytes} bytes, got ${bytes.byteLength}`,
    );
  }
  const frames = bytes.byteLength / frameBytes;
  const out: Uint8Array[] = [];
  for (let c = 0; c < channels; c++) out.push(new Uint8Array(frames * bytesPerSample));
  for (let f = 0; f < frames; f++) {
    const src = f * frameBytes;
    for (let c = 0; c < channels; c++) {
      const dst = out[c]!;
      const from = src + c * bytesPerSample;
      const to = f * bytesPerSample;
      for (let b = 0; b < bytesPerSample; b++) dst[to + b] = bytes[from + b]!;
    }
  }
  return out;
}

/** The inverse: per-channel arrays of equal length → one interleaved array (the bridge side). */
export function interleave(channels: readonly Uint8Array[], bytesPerSample: number): Uint8Array {
  if (channels.length === 1) return channels[0]!;
  const len = channels[0]!.byteLength;
  if (channels.some((c) => c.byteLength !== len) || len % bytesPerSample !== 0) {
    throw new CallcueError(ErrorCodes.BAD_AUDIO, 'channels to interleave must hold the same whole number of samples');
  }
  const frames = len / bytesPerSample;
  const frameBytes = channels.length * bytesPerSample;
  const out = new Uint8Array(frames * frameBytes);
  for (let f = 0; f < frames; f++) {
    for (let c = 0; c < channels.length; c++) {
      const src = channels[c]!;
      for (let b = 0; b < bytesPerSample; b++) out[f * frameBytes + c * bytesPerSample + b] = src[f * bytesPerSample + b]!;
    }
  }
  return out;
}
