// A native-protocol bridge for tests: start a call, stream audio in 20 ms messages, send
// transcripts, stop.

import { encodeAudio } from '../../src/codecs/pcm.js';
import type { AudioEncoding } from '../../src/frames/types.js';
import { TestSocket } from './ws-client.js';

export interface BridgeTrack {
  track: 'caller' | 'agent';
  encoding: AudioEncoding;
  sampleRateHz: 8000 | 16000;
}

export async function openBridge(wsUrl: string, headers: Record<string, string> = {}): Promise<TestSocket> {
  return TestSocket.open(`${wsUrl}/v1/stream`, headers);
}

export function startMessage(callId: string, agentId: string, tracks: BridgeTrack[], language = 'en-US') {
  return { type: 'start', callId, agentId, language, tracks };
}

/** One binary message: the track index byte, then the encoded audio. */
export function audioMessage(trackIndex: number, samples: Float32Array, encoding: AudioEncoding): Uint8Array {
  const body = encodeAudio(samples, encoding);
  const msg = new Uint8Array(body.length + 1);
  msg[0] = trackIndex;
  msg.set(body, 1);
  return msg;
}

/**
 * Streams samples on one track in chunkMs messages. pace: 'realtime' waits chunkMs between
 * messages; a number sends that many times faster; 'burst' sends all at once.
 */
export async function streamAudio(
  socket: TestSocket,
  trackIndex: number,
  samples: Float32Array,
  spec: BridgeTrack,
  chunkMs = 20,
  pace: 'realtime' | 'burst' | number = 'burst',
): Promise<void> {
  const chunk = Math.round((spec.sampleRateHz * chunkMs) / 1000);
  const speed = pace === 'realtime' ? 1 : pace === 'burst' ? Infinity : pace;
  const t0 = performance.now();
  for (let i = 0, k = 0; i < samples.length; i += chunk, k++) {
    socket.sendBinary(audioMessage(trackIndex, samples.subarray(i, i + chunk), spec.encoding));
    if (Number.isFinite(speed)) {
      const due = t0 + ((k + 1) * chunkMs) / speed;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    } else if (k % 50 === 49) {
      await new Promise((r) => setImmediate(r));
    }
  }
}
