// Call recordings for the replay tool and `analyze`: any WAV src/codecs/wav.ts reads, one or two
// channels — channel 0 the caller, channel 1 (when present) the agent — at the file's own rate.

import { readFileSync } from 'node:fs';
import { decodeWavChannels, type WavAudio } from '../codecs/wav.js';
import { CallcueError, ErrorCodes } from '../errors.js';

export { encodeWav, type WavAudio } from '../codecs/wav.js';

export function decodeWav(bytes: Uint8Array): WavAudio {
  const audio = decodeWavChannels(bytes);
  if (audio.channels.length > 2) {
    throw new CallcueError(ErrorCodes.BAD_AUDIO, `a call recording has 1 or 2 channels (caller, agent); this file has ${audio.channels.length}`);
  }
  return audio;
}

export function readWav(path: string): WavAudio {
  return decodeWav(readFileSync(path));
}
