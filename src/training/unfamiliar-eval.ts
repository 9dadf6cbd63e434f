// What the voice model says about sounds unlike anything it was trained on, measured the way the
// service would hear them: whole calls (several clips of one source back to back, with pauses, over
// one drawn telephone line) judged in rolling 3 s windows by the service's own judge. Synthetic
// voices use the other half of espeak-ng's voice variants and sentences than the gate trained on.
// Each row: how many windows had enough "speech" to judge, and the share that got a target
// verdict (anger, anxiety or disappointment) with the judge as shipped and with its gate and
// voicing check off.

import { DEFAULT_RECORDING_OPTIONS, classifyRecording } from '../classifiers/prosody-recording.js';
import type { ProsodyModel } from '../classifiers/prosody.js';
import { VoiceJudge } from '../classifiers/voice-judge.js';
import { INTERNAL_RATE_HZ, SpeakerBaseline } from '../features/index.js';
import { applyChannel, drawChannel, gainForLevel } from './channel.js';
import { createRng, type Rng } from './rng.js';
import type { SyntheticDelivery } from './synthetic-speech.js';
import { clipSource, type UnfamiliarKind } from './unfamiliar-examples.js';

export interface UnfamiliarRow {
  sound: string;
  calls: number;
  /** Windows with enough sound for the model to judge (≥ the live minimum of speech). */
  windows: number;
  /** Share of those windows with a target verdict, the judge as shipped. */
  targetShare: number;
  /** Share the judge refused (gate or language). */
  refusedShare: number;
  /** Share with a target verdict had the gate and the voicing check been off (language check still on). */
  targetShareWithoutGate: number;
}

interface RowSpec {
  sound: string;
  kinds: readonly UnfamiliarKind[];
  delivery: SyntheticDelivery;
}

const ROWS: readonly RowSpec[] = [
  { sound: 'espeak-ng English, calm', kinds: ['synthetic-en'], delivery: 'calm' },
  { sound: 'espeak-ng Mandarin, calm', kinds: ['synthetic-cmn'], delivery: 'calm' },
  { sound: 'espeak-ng Cantonese, calm', kinds: ['synthetic-yue'], delivery: 'calm' },
  { sound: 'espeak-ng en/cmn/yue, acted (fast, high, loud, uneven)', kinds: ['synthetic-en', 'synthetic-cmn', 'synthetic-yue'], delivery: 'lively' },
  { sound: 'hold music', kinds: ['music'], delivery: 'calm' },
  { sound: 'line noise, hum, crackle', kinds: ['noise'], delivery: 'calm' },
  { sound: 'signalling tones (DTMF, ringback, busy, beeps)', kinds: ['tones'], delivery: 'calm' },
];

const TARGET = new Set(['anger', 'anxiety', 'disappointment']);

/** Clips back to back with 0.3–0.8 s pauses, over one telephone line. */
function overLine(clips: readonly Float32Array[], rng: Rng, telephone: boolean): Float32Array {
  const gaps = clips.map(() => Math.round(rng.uniform(0.3, 0.8) * INTERNAL_RATE_HZ));
  const out = new Float32Array(clips.reduce((n, c, i) => n + c.length + gaps[i]!, 0));
  let at = 0;
  clips.forEach((c, i) => {
    out.set(c, at);
    at += c.length + gaps[i]!;
  });
  if (!telephone) return out;
  const drawn = drawChannel(rng);
  return applyChannel(out, { ...drawn, gainDb: gainForLevel(drawn.speechLevelDb, clips) }, rng);
}

function withoutGate(model: ProsodyModel): ProsodyModel {
  return { ...model, predict: (f) => model.predict(f), unfamiliarity: () => 0, unfamiliarAbove: Infinity };
}

/** Judges calls of audio in `language` (null: no language check), with and without the gate. */
export function judgeCalls(model: ProsodyModel, calls: readonly Float32Array[], language: string | null, sound: string): UnfamiliarRow {
  let windows = 0;
  let targets = 0;
  let refused = 0;
  let targetsWithoutGate = 0;
  const open = withoutGate(model);
  for (const audio of calls) {
    const shipped = classifyRecording(audio, model, new SpeakerBaseline(), DEFAULT_RECORDING_OPTIONS, new VoiceJudge(model, language));
    const ungated = classifyRecording(audio, open, new SpeakerBaseline(), DEFAULT_RECORDING_OPTIONS, new VoiceJudge(open, language, 0));
    windows += shipped.segments.length + shipped.abstained.unfamiliar + shipped.abstained.language;
    refused += shipped.abstained.unfamiliar + shipped.abstained.language;
    targets += shipped.segments.filter((s) => TARGET.has(s.label)).length;
    targetsWithoutGate += ungated.segments.filter((s) => TARGET.has(s.label)).length;
  }
  const share = (n: number): number => (windows > 0 ? n / windows : Number.NaN);
  return { sound, calls: calls.length, windows, targetShare: share(targets), refusedShare: share(refused), targetShareWithoutGate: share(targetsWithoutGate) };
}

export interface UnfamiliarTableOptions {
  callsPerRow: number;
  clipsPerCall: number;
  seed: number;
  telephone: boolean;
  cacheDir?: string;
}

export const DEFAULT_UNFAMILIAR_TABLE: UnfamiliarTableOptions = { callsPerRow: 12, clipsPerCall: 6, seed: 5, telephone: true };

/** One row per kind of unfamiliar sound (eval split of the synthetic voices). */
export async function unfamiliarTable(model: ProsodyModel, options: UnfamiliarTableOptions, onRow?: (sound: string) => void): Promise<UnfamiliarRow[]> {
  const rng = createRng(options.seed);
  const rows: UnfamiliarRow[] = [];
  for (const spec of ROWS) {
    onRow?.(spec.sound);
    const calls: Float32Array[] = [];
    for (let c = 0; c < options.callsPerRow; c++) {
      const callRng = rng.fork();
      const source = clipSource(spec.kinds[c % spec.kinds.length]!, callRng, 'eval', spec.delivery, options.cacheDir);
      const clips: Float32Array[] = [];
      for (let i = 0; i < options.clipsPerCall; i++) clips.push(await source(callRng));
      calls.push(overLine(clips, callRng, options.telephone));
    }
    rows.push(judgeCalls(model, calls, null, spec.sound));
  }
  return rows;
}

/**
 * Human speech (calm corpus clips, one speaker per call) in calls tagged with languages the
 * model was not validated on: the language check alone decides these rows.
 */
export function languageRows(model: ProsodyModel, speakers: ReadonlyArray<readonly Float32Array[]>, options: UnfamiliarTableOptions): UnfamiliarRow[] {
  const rng = createRng(options.seed + 1);
  const calls = speakers.slice(0, options.callsPerRow).map((clips) => overLine(clips.slice(0, options.clipsPerCall), rng.fork(), options.telephone));
  return [
    judgeCalls(model, calls, 'fr-FR', 'human speech in calls tagged fr-FR (French: not validated)'),
    judgeCalls(model, calls, 'zh-HK', 'human speech in calls tagged zh-HK (Cantonese: not validated)'),
  ];
}
