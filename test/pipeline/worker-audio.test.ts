// Audio messages packed for a pipeline worker (src/pipeline/worker-audio.ts) come out as they went
// in — every field, every byte, in order — across buffer growth and turns, and a packed copy does
// not change when the socket's buffer is reused.

import { describe, expect, it } from 'vitest';
import type { RawAudioFrame } from '../../src/frames/types.js';
import { AudioPacker, AudioUnpacker } from '../../src/pipeline/worker-audio.js';

function frame(i: number, length: number): RawAudioFrame {
  return {
    kind: 'raw-audio',
    callId: `call-${i % 3}`,
    track: i % 2 === 0 ? 'caller' : 'agent',
    encoding: (['mulaw', 'alaw', 'pcm16le'] as const)[i % 3]!,
    sampleRateHz: [8000, 16000, 44100][i % 3]!,
    bytes: Uint8Array.from({ length }, (_, k) => (k * 7 + i) & 0xff),
    tsMs: i * 20.5,
    arrivalMs: 1_700_000_000_000 + i * 0.125,
  };
}

describe('packed audio for a pipeline worker', () => {
  it('unpacks every message as it was packed, in order, across growth and turns', () => {
    const packer = new AudioPacker();
    for (const [turn, sizes] of [[0, [160, 1, 0, 7, 9000, 320]], [1, [160]], [2, Array(300).fill(161)]] as const) {
      const sent = sizes.map((n, k) => frame(turn * 1000 + k, n));
      for (const f of sent) packer.add(100 + (f.tsMs % 3), f);
      expect(packer.count).toBe(sent.length);
      const buffer = packer.take();
      expect(packer.count).toBe(0);
      // The socket's buffers are reused after the packer returns: the packed copy must not follow.
      for (const f of sent) f.bytes.fill(0xee);
      const unpacker = new AudioUnpacker(buffer);
      sent.forEach((_, k) => {
        const want = frame(turn * 1000 + k, sizes[k]!);
        const got = unpacker.next((n) => `number-${n}`);
        expect(got.callNumber).toBe(100 + (want.tsMs % 3));
        expect(got.frame).toEqual({ ...want, callId: `number-${got.callNumber}` });
      });
    }
  });

  it('skips the message of a call the worker no longer runs, and reads on', () => {
    const packer = new AudioPacker();
    packer.add(1, frame(0, 5));
    packer.add(2, frame(1, 6));
    const unpacker = new AudioUnpacker(packer.take());
    expect(unpacker.next(() => undefined)).toEqual({ callNumber: 1, frame: null });
    expect(unpacker.next((n) => `c${n}`).frame?.bytes).toEqual(frame(1, 6).bytes);
  });
});
