// Audio messages on their way to a pipeline worker, packed: one ArrayBuffer per worker per turn of
// the event loop, holding every audio message of that turn (a fixed header, then the bytes), sent
// as a transfer. Structured-cloning an object per message — and transferring a buffer per message
// — cost the main thread and the worker more than decoding the audio did.

import type { AudioEncoding, RawAudioFrame, Track } from '../frames/types.js';

const TRACKS: readonly Track[] = ['caller', 'agent'];
const ENCODINGS: readonly AudioEncoding[] = ['pcm16le', 'mulaw', 'alaw'];
/** Header: call number, track, encoding, sample rate, tsMs, arrivalMs, byte length (float64 each). */
const HEADER_SLOTS = 7;
const HEADER_BYTES = HEADER_SLOTS * 8;
const MIN_BYTES = 4096;

const padded = (n: number) => (n + 7) & ~7;

/** Collects a turn's audio messages for one worker. */
export class AudioPacker {
  private buffer = new ArrayBuffer(MIN_BYTES);
  private f64 = new Float64Array(this.buffer);
  private u8 = new Uint8Array(this.buffer);
  private used = 0;
  /** Messages packed since the last take(). */
  count = 0;

  add(callNumber: number, frame: RawAudioFrame): void {
    const need = this.used + HEADER_BYTES + padded(frame.bytes.byteLength);
    if (need > this.buffer.byteLength) this.grow(need);
    const h = this.used / 8;
    this.f64[h] = callNumber;
    this.f64[h + 1] = TRACKS.indexOf(frame.track);
    this.f64[h + 2] = ENCODINGS.indexOf(frame.encoding);
    this.f64[h + 3] = frame.sampleRateHz;
    this.f64[h + 4] = frame.tsMs;
    this.f64[h + 5] = frame.arrivalMs;
    this.f64[h + 6] = frame.bytes.byteLength;
    // A copy: the socket's buffer may be reused once this returns.
    this.u8.set(frame.bytes, this.used + HEADER_BYTES);
    this.used = need;
    this.count++;
  }

  /** The packed messages (to transfer); the packer starts a new buffer about as large. */
  take(): ArrayBuffer {
    const out = this.buffer;
    const next = Math.max(MIN_BYTES, padded(this.used + (this.used >> 1)));
    this.buffer = new ArrayBuffer(next);
    this.f64 = new Float64Array(this.buffer);
    this.u8 = new Uint8Array(this.buffer);
    this.used = 0;
    this.count = 0;
    return out;
  }

  private grow(need: number): void {
    const bigger = new ArrayBuffer(padded(Math.max(need, this.buffer.byteLength * 2)));
    new Uint8Array(bigger).set(this.u8.subarray(0, this.used));
    this.buffer = bigger;
    this.f64 = new Float64Array(bigger);
    this.u8 = new Uint8Array(bigger);
  }
}

/** Reads packed messages back, in order; each frame's bytes are a view into the buffer (no copy). */
export class AudioUnpacker {
  private readonly f64: Float64Array;
  private at = 0;

  constructor(private readonly buffer: ArrayBuffer) {
    this.f64 = new Float64Array(buffer);
  }

  /** The call number of the next message, without reading past it. */
  peekCallNumber(): number {
    return this.f64[this.at / 8]!;
  }

  /** Passes over the next message. */
  skip(): void {
    this.at += HEADER_BYTES + padded(this.f64[this.at / 8 + 6]!);
  }

  /** The next message: its call number and the frame, with callId filled in by the caller's lookup. */
  next(callIdOf: (callNumber: number) => string | undefined): { callNumber: number; frame: RawAudioFrame | null } {
    const h = this.at / 8;
    const callNumber = this.f64[h]!;
    const length = this.f64[h + 6]!;
    const bytesAt = this.at + HEADER_BYTES;
    this.at = bytesAt + padded(length);
    const callId = callIdOf(callNumber);
    if (callId === undefined) return { callNumber, frame: null };
    return {
      callNumber,
      frame: {
        kind: 'raw-audio',
        callId,
        track: TRACKS[this.f64[h + 1]!]!,
        encoding: ENCODINGS[this.f64[h + 2]!]!,
        sampleRateHz: this.f64[h + 3]!,
        tsMs: this.f64[h + 4]!,
        arrivalMs: this.f64[h + 5]!,
        bytes: new Uint8Array(this.buffer, bytesAt, length),
      },
    };
  }
}
