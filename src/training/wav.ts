// Audio for the models: any WAV (src/codecs/wav.ts) as one mono track at the internal 8 kHz rate —
// a chosen channel, or all channels mixed down.

import { readFileSync } from 'node:fs';
import { decodeWavChannels } from '../codecs/wav.js';
import { resample } from '../codecs/resample.js';
import { CallcueError, ErrorCodes } from '../errors.js';
import { INTERNAL_RATE_HZ } from '../features/types.js';

export interface LoadedAudio {
  samples: Float32Array;
  /** The file's own rate and channels, before conversion. */
  sourceRateHz: number;
  channels: number;
  durationMs: number;
}

/** Which channel to keep; undefined mixes all channels down. */
export function decodeWav(bytes: Uint8Array, channel?: number): LoadedAudio {
  const audio = decodeWavChannels(bytes);
  const count = audio.channels.length;
  if (channel !== undefined && (!Number.isInteger(channel) || channel < 0 || channel >= count)) {
    throw new CallcueError(ErrorCodes.BAD_AUDIO, `channel ${channel} requested, the file has ${count}`);
  }
  let mono: Float32Array;
  if (channel !== undefined) mono = audio.channels[channel]!;
  else if (count === 1) mono = audio.channels[0]!;
  else {
    const frames = audio.channels[0]!.length;
    mono = new Float32Array(frames);
    for (let i = 0; i < frames; i++) {
      let s = 0;
      for (let c = 0; c < count; c++) s += audio.channels[c]![i]!;
      mono[i] = s / count;
    }
  }
  return { samples: resample(mono, audio.sampleRateHz, INTERNAL_RATE_HZ), sourceRateHz: audio.sampleRateHz, channels: count, durationMs: audio.durationMs };
}

export function loadWav(path: string, channel?: number): LoadedAudio {
  return decodeWav(readFileSync(path), channel);
}
