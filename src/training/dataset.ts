// Turns manifest rows into model-input examples the way the live service would see them: each
// speaker's clips are shuffled into simulated calls (sessions of random length, one telephone
// channel per call), and each clip is normalised against the speaker's baseline built from
// the clips *earlier in that call* only: no clip sees itself, its future or the speaker's
// other calls. Short calls teach the model to judge with a thin or empty baseline.

import { SpeakerBaseline, windowFunctionals } from '../features/index.js';
import { applyChannel, drawChannel } from './channel.js';
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
}

export interface DatasetOptions {
  /** Independent passes over the data (new sessions, channels, noise). */
  rounds: number;
  seed: number;
  /** Calls hold 1..maxSessionClips clips of one speaker. */
  maxSessionClips: number;
  /** Pass audio through the simulated telephone channel. */
  telephone: boolean;
  onProgress?: (done: number, total: number) => void;
}

export const DEFAULT_DATASET_OPTIONS: DatasetOptions = { rounds: 4, seed: 1, maxSessionClips: 24, telephone: true };

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

function sessionExamples(session: readonly ManifestRow[], round: number, rng: Rng, telephone: boolean): Example[] {
  const channel = drawChannel(rng);
  const baseline = new SpeakerBaseline();
  const out: Example[] = [];
  for (const row of session) {
    const cls = mapLabel(row.label);
    const clean = loadWav(row.path).samples;
    const heard = telephone ? applyChannel(clean, channel, rng) : clean;
    const frames = analyzeSamples(heard);
    if (cls !== undefined) {
      const x = baseline.normalize(windowFunctionals(frames));
      out.push({ x, cls, row, round, baselineMs: baseline.speechMs });
    }
    baseline.add(frames);
  }
  return out;
}

export function buildExamples(rows: readonly ManifestRow[], options: DatasetOptions): Example[] {
  const speakers = bySpeaker(rows);
  const rng = createRng(options.seed);
  const examples: Example[] = [];
  const total = rows.length * options.rounds;
  let done = 0;
  for (let round = 0; round < options.rounds; round++) {
    for (const clips of speakers.values()) {
      const order = rng.shuffled(clips);
      for (let at = 0; at < order.length; ) {
        const length = 1 + rng.int(options.maxSessionClips);
        const session = order.slice(at, at + length);
        at += length;
        examples.push(...sessionExamples(session, round, rng.fork(), options.telephone));
        done += session.length;
        options.onProgress?.(done, total);
      }
    }
  }
  return examples;
}
