// WAV files for the replay tool: any encoding wavefile reads (PCM 8–32 bit, float, μ-law,
// A-law, IMA ADPCM), any rate, one or two channels, as float channels at the file's own rate.
// Channel 0 is the caller, channel 1 (when present) the agent.

import { readFileSync } from 'node:fs';
import wavefile from 'wavefile';
import { CallcueError, ErrorCodes } from '../errors.js';

const { WaveFile } = wavefile;

export interface WavAudio {
  channels: Float32Array[];
  sampleRateHz: number;
  durationMs: number;
}

const ALAW = 6;
const MULAW = 7;
const IMA_ADPCM = 17;

export function decodeWav(bytes: Uint8Array): WavAudio {
  let wav: InstanceType<typeof WaveFile>;
  try {
    wav = new WaveFile(bytes);
  } catch (err) {
    throw new CallcueError(ErrorCodes.BAD_AUDIO, `not a WAV file wavefile can read: ${(err as Error).message}`);
  }
  // Read before converting: wavefile rebuilds (and zeroes) its header objects when it converts.
  const fmt = { ...(wav.fmt as { audioFormat: number; numChannels: number; sampleRate: number }) };
  if (fmt.audioFormat === ALAW) wav.fromALaw();
  else if (fmt.audioFormat === MULAW) wav.fromMuLaw();
  else if (fmt.audioFormat === IMA_ADPCM) wav.fromIMAADPCM();
  wav.toBitDepth('32f');
  const raw = wav.getSamples(false, Float32Array) as unknown as Float32Array | Float32Array[];
  const channels = Array.isArray(raw) ? raw : [raw];
  if (channels.length < 1 || channels.length > 2) {
    throw new CallcueError(ErrorCodes.BAD_AUDIO, `a call recording has 1 or 2 channels (caller, agent); this file has ${channels.length}`);
  }
  const sampleRateHz = fmt.sampleRate;
  return { channels, sampleRateHz, durationMs: (channels[0]!.length / sampleRateHz) * 1000 };
}

export function readWav(path: string): WavAudio {
  return decodeWav(readFileSync(path));
}

/** A 16-bit PCM WAV of the given channels (tests and tools that write recordings). */
export function encodeWav(channels: Float32Array[], sampleRateHz: number): Uint8Array {
  const wav = new WaveFile();
  const ints = channels.map((c) => Int16Array.from(c, (v) => Math.max(-32768, Math.min(32767, Math.round(v * 32767)))));
  wav.fromScratch(channels.length, sampleRateHz, '16', channels.length === 1 ? ints[0]! : ints);
  return wav.toBuffer();
}
