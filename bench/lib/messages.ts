// A bench call's audio as the bridge sends it: one binary message per track per chunk (the track
// byte, then μ-law). Encoded once per call and reused, so the bench client spends its CPU on
// sending, not encoding (it shares the two cores with the server), and the floor decodes exactly
// the bytes the server received.

import { encodeAudio } from '../../src/codecs/pcm.js';
import type { BenchCall } from './calls.js';

const RATE = 8000;

/** messages[k] = [caller chunk k, agent chunk k] */
export type CallMessages = readonly (readonly [Uint8Array, Uint8Array])[];

const cache = new WeakMap<BenchCall, Map<number, CallMessages>>();

export function callMessages(call: BenchCall, chunkMs: number): CallMessages {
  let byChunk = cache.get(call);
  if (!byChunk) cache.set(call, (byChunk = new Map()));
  const cached = byChunk.get(chunkMs);
  if (cached) return cached;
  const chunk = Math.round((RATE * chunkMs) / 1000);
  const chunks = Math.ceil(call.caller.length / chunk);
  const message = (track: number, samples: Float32Array, k: number) => {
    const body = encodeAudio(samples.subarray(k * chunk, (k + 1) * chunk), 'mulaw');
    const msg = new Uint8Array(body.length + 1);
    msg[0] = track;
    msg.set(body, 1);
    return msg;
  };
  const out = Array.from({ length: chunks }, (_, k) => [message(0, call.caller, k), message(1, call.agent, k)] as const);
  byChunk.set(chunkMs, out);
  return out;
}
