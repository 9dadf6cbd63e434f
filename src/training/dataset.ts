// Turns manifest rows into model-input examples the way the live service would see them: each
// speaker's clips are shuffled into simulated calls (sessions of random length, one telephone
// channel per call), and each clip is normalised against the speaker's baseline built from
// the clips *earlier in that call* only: no clip sees itself, its future or the speaker's
// other calls. Short calls teach the model to judge with a thin or empty baseline.

import { resample } from '../codecs/resample.js';
import { INTERNAL_RATE_HZ, SpeakerBaseline, windowFunctionals } from '../features/index.js';
import { applyChannel, drawChannel, gainForLevel } from './channel.js';
import { analyzeSamples } from './extract.js';
import { mapLabel, type ManifestRow, type TrainingClass } from './manifest.js';
import { createRng, type Rng } from './rng.js';
import { loadWav } from './wav.js';

export interface Example {
  x: Float32Array;
  cls: TrainingClass;
  row: ManifestRow;
  /** Which augmentation round produced it. */
  round: number;
  /** Baseline speech the example was normalised against, ms. */
  baselineMs: number;
  /** Speed factor of the augmentation (1 = the recording as it is; only these are ever tested). */
  speed: number;
  /** The simulated call the clip belongs to (unique across rounds). */
  session: number;
  /** Media time in that call at which the clip ends, ms (clips play back to back). */
  endMs: number;
}

export interface DatasetOptions {
  /** Independent passes over the data (new sessions, channels, noise). */
  rounds: number;
  seed: number;
  /** Calls hold 1..maxSessionClips clips of one speaker. */
  maxSessionClips: number;
  /** Pass audio through the simulated telephone channel. */
  telephone: boolean;
  /**
   * Speed perturbation in rounds after the first: each call of those rounds is, with
   * probability 2/3, resampled by a factor in 1 ± speedPerturb (pitch, formants and tempo move
   * together, as in a different speaker). 23 actors are few speakers; this widens them (6
   * rounds at ±15 % beat 4 at ±10 % by ~2 points of UAR on held-out speakers).
   */
  speedPerturb: number;
  onProgress?: (done: number, total: number) => void;
}

export const DEFAULT_DATASET_OPTIONS: DatasetOptions = { rounds: 6, seed: 1, maxSessionClips: 24, telephone: true, speedPerturb: 0.15 };

/** Rows grouped by speaker, in a stable order. */
export function bySpeaker(rows: readonly ManifestRow[]): Map<string, ManifestRow[]> {
  const groups = new Map<string, ManifestRow[]>();
  for (const row of [...rows].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    const list = groups.get(row.speaker) ?? [];
    list.push(row);
    groups.set(row.speaker, list);
  }
  return new Map([...groups.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** The clip played `speed` times faster (higher and quicker), back at the internal rate. */
function perturbSpeed(samples: Float32Array, speed: number): Float32Array {
  return speed === 1 ? samples : resample(samples, Math.round(INTERNAL_RATE_HZ * speed), INTERNAL_RATE_HZ);
}

/** One clip of a simulated call as the model sees it. */
export interface HeardClip {
  x: Float32Array;
  baselineMs: number;
  endMs: number;
}

/**
 * The clips of one simulated call, played back to back over one drawn telephone line, each
 * measured against the baseline of the clips before it. `judged` says which clips to measure
 * (the others only feed the baseline).
 */
export function callClips(clips: readonly Float32Array[], rng: Rng, telephone: boolean, judged: (i: number) => boolean = () => true): Array<HeardClip | null> {
  const drawn = drawChannel(rng);
  const channel = { ...drawn, gainDb: gainForLevel(drawn.speechLevelDb, clips) };
  const baseline = new SpeakerBaseline();
  const out: Array<HeardClip | null> = [];
  let endMs = 0;
  for (const [i, clean] of clips.entries()) {
    const heard = telephone ? applyChannel(clean, channel, rng) : clean;
    const frames = analyzeSamples(heard);
    endMs += (heard.length / INTERNAL_RATE_HZ) * 1000;
    out.push(judged(i) ? { x: baseline.normalize(windowFunctionals(frames)), baselineMs: baseline.speechMs, endMs } : null);
    baseline.add(frames);
  }
  return out;
}

function sessionExamples(session: readonly ManifestRow[], id: number, round: number, rng: Rng, telephone: boolean, speed: number): Example[] {
  const clips = session.map((row) => perturbSpeed(loadWav(row.path).samples, speed));
  const classes = session.map((row) => mapLabel(row.label));
  const heard = callClips(clips, rng, telephone, (i) => classes[i] !== undefined);
  const out: Example[] = [];
  heard.forEach((h, i) => {
    const cls = classes[i];
    if (h && cls !== undefined) out.push({ x: h.x, cls, row: session[i]!, round, baselineMs: h.baselineMs, speed, session: id, endMs: h.endMs });
  });
  return out;
}

export function buildExamples(rows: readonly ManifestRow[], options: DatasetOptions): Example[] {
  const speakers = bySpeaker(rows);
  const rng = createRng(options.seed);
  const examples: Example[] = [];
  const total = rows.length * options.rounds;
  let done = 0;
  let sessions = 0;
  for (let round = 0; round < options.rounds; round++) {
    for (const clips of speakers.values()) {
      const order = rng.shuffled(clips);
      for (let at = 0; at < order.length; ) {
        const length = 1 + rng.int(options.maxSessionClips);
        const session = order.slice(at, at + length);
        at += length;
        const sessionRng = rng.fork();
        const perturbed = round > 0 && options.speedPerturb > 0 && sessionRng.next() < 2 / 3;
        const speed = perturbed ? 1 + sessionRng.uniform(-options.speedPerturb, options.speedPerturb) : 1;
        examples.push(...sessionExamples(session, sessions++, round, sessionRng, options.telephone, speed));
        done += session.length;
        options.onProgress?.(done, total);
      }
    }
  }
  return examples;
}
