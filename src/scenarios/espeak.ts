// Runs espeak-ng for one line of a scenario and returns 8 kHz mono samples, cached on disk by a
// hash of everything that shapes the sound (tests synthesise the same calls many times).
// espeak writes a 22.05 kHz WAV to stdout whose size fields are left unset, so the header is
// read here rather than by a WAV library.

import { execFile, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { resample } from '../codecs/resample.js';
import { clausePitch, clauses, type EspeakParams } from './voices.js';

export const SCENARIO_RATE_HZ = 8000;
export const DEFAULT_AUDIO_CACHE_DIR = join(tmpdir(), 'callcue-scenario-audio');
/** Bump when the synthesis below changes what a cached file holds. */
const CACHE_FORMAT = 2;
/** Silence between the clauses of an uneven (clause-by-clause) delivery, ms. */
const CLAUSE_GAP_MS = 140;
/** Samples quieter than this at either end of espeak's output are its padding. */
const TRIM_LEVEL = 0.004;

const run = promisify(execFile);

export interface EspeakInfo {
  version: string;
  voices: ReadonlySet<string>;
  variants: ReadonlySet<string>;
}

/** Whether espeak-ng can be run (synchronous: tests decide at collection time whether to skip). */
export function hasEspeak(): boolean {
  const r = spawnSync('espeak-ng', ['--version'], { encoding: 'utf8' });
  return r.status === 0;
}

let info: Promise<EspeakInfo> | null = null;

/** espeak-ng's version and installed voices; rejects with an install hint when it is missing. */
export function espeakInfo(): Promise<EspeakInfo> {
  info ??= (async () => {
    try {
      const [version, voices, variants] = await Promise.all([
        run('espeak-ng', ['--version']),
        run('espeak-ng', ['--voices']),
        run('espeak-ng', ['--voices=variant']),
      ]);
      const column = (out: string, i: number) =>
        out
          .split('\n')
          .slice(1)
          .map((l) => l.trim().split(/\s+/)[i] ?? '')
          .filter(Boolean);
      return {
        version: version.stdout.trim(),
        voices: new Set(column(voices.stdout, 1).map((v) => v.toLowerCase())),
        // The variant's file is "!v/f3": its name after the slash is what "+f3" selects.
        variants: new Set(column(variants.stdout, 4).map((f) => f.replace(/^!v\//, ''))),
      };
    } catch (err) {
      info = null;
      throw new Error(
        `espeak-ng is needed to synthesise scenario calls and could not be run (${(err as Error).message}); install it (apt-get install espeak-ng, or scripts/debian-deps.sh)`,
      );
    }
  })();
  return info;
}

/** The first candidate voice espeak has installed. */
export function pickVoice(available: ReadonlySet<string>, candidates: readonly string[]): string {
  const voice = candidates.find((c) => available.has(c));
  if (voice === undefined) throw new Error(`espeak-ng has none of the voices ${candidates.join(', ')}`);
  return voice;
}

/** Samples of a 16-bit mono PCM WAV and its rate, read from the chunks (sizes may be unset). */
export function parseEspeakWav(bytes: Buffer): { samples: Float32Array; sampleRateHz: number } {
  if (bytes.toString('ascii', 0, 4) !== 'RIFF' || bytes.toString('ascii', 8, 12) !== 'WAVE') throw new Error('espeak-ng did not write a WAV');
  let offset = 12;
  let sampleRateHz = 0;
  while (offset + 8 <= bytes.length) {
    const id = bytes.toString('ascii', offset, offset + 4);
    const size = bytes.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      const channels = bytes.readUInt16LE(body + 2);
      sampleRateHz = bytes.readUInt32LE(body + 4);
      const bits = bytes.readUInt16LE(body + 14);
      if (channels !== 1 || bits !== 16) throw new Error(`expected 16-bit mono from espeak-ng, got ${channels} channel(s) of ${bits} bits`);
    } else if (id === 'data') {
      if (sampleRateHz === 0) throw new Error('WAV data before its format');
      // espeak streams: the data size is a placeholder, the data runs to the end.
      const count = Math.floor((bytes.length - body) / 2);
      const samples = new Float32Array(count);
      for (let i = 0; i < count; i++) samples[i] = bytes.readInt16LE(body + i * 2) / 32768;
      return { samples, sampleRateHz };
    }
    offset = body + size + (size % 2);
  }
  throw new Error('no audio in the WAV from espeak-ng');
}

function trimSilence(samples: Float32Array): Float32Array {
  let start = 0;
  let end = samples.length;
  while (start < end && Math.abs(samples[start]!) < TRIM_LEVEL) start++;
  while (end > start && Math.abs(samples[end - 1]!) < TRIM_LEVEL) end--;
  return samples.subarray(start, end);
}

function espeakOnce(text: string, params: EspeakParams, pitch: number): Promise<Float32Array> {
  const args = ['-v', params.voice, '-s', String(params.rateWpm), '-p', String(pitch), '-a', String(params.amplitude), '-g', String(params.wordGap), '--stdout'];
  return new Promise((resolve, reject) => {
    // The text goes in on stdin, so a line that starts with "-" is never read as an option.
    const child = spawn('espeak-ng', args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`espeak-ng exited with ${code}: ${err.trim()}`));
      try {
        const wav = parseEspeakWav(Buffer.concat(out));
        resolve(trimSilence(resample(wav.samples, wav.sampleRateHz, SCENARIO_RATE_HZ)));
      } catch (e) {
        reject(e);
      }
    });
    child.stdin.end(text);
  });
}

function concatWithGaps(parts: Float32Array[], gapSamples: number): Float32Array {
  const total = parts.reduce((n, p) => n + p.length, 0) + gapSamples * Math.max(0, parts.length - 1);
  const out = new Float32Array(total);
  let o = 0;
  parts.forEach((p, i) => {
    out.set(p, o);
    o += p.length + (i < parts.length - 1 ? gapSamples : 0);
  });
  return out;
}

interface Part {
  text: string;
  pitch: number;
}

/** The espeak runs a line takes: one, or one per clause with its own pitch for an uneven delivery. */
function partsOf(text: string, params: EspeakParams): Part[] {
  if (params.pitchVariability === 0) return [{ text, pitch: params.pitch }];
  return clauses(text).map((clause, i) => ({ text: clause, pitch: clausePitch(params, i) }));
}

/** Everything that shapes the sound goes into the key, so a change of acting never reads stale audio. */
export function cacheKey(version: string, parts: readonly Part[], params: EspeakParams): string {
  return createHash('sha256').update(JSON.stringify({ f: CACHE_FORMAT, version, parts, params })).digest('hex').slice(0, 32);
}

/** One line spoken with params: 8 kHz samples, leading and trailing silence removed. */
export async function speak(text: string, params: EspeakParams, cacheDir = DEFAULT_AUDIO_CACHE_DIR): Promise<{ samples: Float32Array; cached: boolean }> {
  const { version } = await espeakInfo();
  const parts = partsOf(text, params);
  const file = join(cacheDir, `${cacheKey(version, parts, params)}.s16`);
  try {
    const bytes = readFileSync(file);
    const ints = new Int16Array(bytes.buffer, bytes.byteOffset, Math.floor(bytes.length / 2));
    const samples = new Float32Array(ints.length);
    for (let i = 0; i < ints.length; i++) samples[i] = ints[i]! / 32768;
    return { samples, cached: true };
  } catch {
    // Not cached yet.
  }
  const spoken: Float32Array[] = [];
  for (const part of parts) spoken.push(await espeakOnce(part.text, params, part.pitch));
  const samples = concatWithGaps(spoken, Math.round((CLAUSE_GAP_MS / 1000) * SCENARIO_RATE_HZ));
  const ints = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) {
    ints[i] = Math.max(-32768, Math.min(32767, Math.round(samples[i]! * 32768)));
    // What the cache will return, so a first run and a cached run send the same audio.
    samples[i] = ints[i]! / 32768;
  }
  mkdirSync(cacheDir, { recursive: true });
  // Write then rename: parallel test files may synthesise the same line at once.
  const partial = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(partial, new Uint8Array(ints.buffer));
  renameSync(partial, file);
  return { samples, cached: false };
}
