// A recording as a caller's telephone line delivers it: the training's simulated channel (speech
// level, 300–3400 Hz band-pass, line noise, codec round trip, packet loss; src/training/channel.ts),
// one line drawn per seed. The voice gate was trained and is measured on audio through this channel
// (models/prosody.md); pristine digital audio is not what a bridge delivers from a phone call.

import { applyChannel, drawChannel, gainForLevel } from '../../src/training/channel.js';
import { createRng } from '../../src/training/rng.js';

export function overPhoneLine(samples: Float32Array, seed: number): Float32Array {
  const rng = createRng(seed);
  const line = drawChannel(rng);
  return applyChannel(samples, { ...line, gainDb: gainForLevel(line.speechLevelDb, [samples]) }, rng);
}
