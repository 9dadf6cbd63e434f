// For evaluation runs only (`demo --voice-caller-from DATA`, `eval-calls --data DATA`), never
// tests: the caller is voiced by real recordings of the acted emotion from the labelled corpora
// (speech/manifest.csv), one speaker for the whole call, so the voice pipeline hears human prosody
// instead of espeak's. The transcript keeps the script's words; the recordings say the corpus's
// own fixed sentences.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { loadWav } from '../training/wav.js';
import { languageOfTag } from '../text/lang.js';
import type { ActEmotion } from './schema.js';

/** Corpus labels → the acted emotions (data/README.md's suggested mapping). */
const LABELS: Readonly<Record<string, ActEmotion>> = {
  angry: 'anger',
  fearful: 'anxiety',
  fear: 'anxiety',
  sad: 'disappointment',
  neutral: 'neutral',
  calm: 'neutral',
};
/** Acts weaker than this are voiced with neutral recordings. */
const MIN_ACTED_INTENSITY = 0.25;
const CLIP_GAP_MS = 200;
const MAX_CLIPS_PER_TURN = 4;

interface Clip {
  path: string;
  speaker: string;
  emotion: ActEmotion;
  strong: boolean;
}

export interface RecordedCallerVoice {
  /** "ravdess-07 (12 clips)": which speaker voices the caller. */
  readonly description: string;
  /** At least minDurationMs of 8 kHz speech in the emotion (a few clips joined by short pauses). */
  speak(emotion: ActEmotion, intensity: number, minDurationMs: number, turnIndex: number): Float32Array;
}

function manifestPath(dataDir: string): string {
  for (const p of [join(dataDir, 'speech', 'manifest.csv'), join(dataDir, 'manifest.csv')]) if (existsSync(p)) return p;
  throw new Error(
    `no speech manifest under ${dataDir} (looked for speech/manifest.csv and manifest.csv): --voice-caller-from needs the labelled data folder, e.g. ../shared/data`,
  );
}

function readClips(manifest: string, lang: 'en' | 'zh'): Clip[] {
  const base = join(manifest, '..');
  const rows = readFileSync(manifest, 'utf8').split(/\r?\n/).slice(1);
  const clips: Clip[] = [];
  for (const row of rows) {
    // path,corpus,speaker,lang,label,intensity,text — the text may hold commas, the rest never do.
    const [path, , speaker, rowLang, label, intensity] = row.split(',');
    const emotion = LABELS[label ?? ''];
    if (!path || !speaker || rowLang !== lang || emotion === undefined) continue;
    clips.push({ path: join(base, path), speaker, emotion, strong: intensity === 'strong' });
  }
  return clips;
}

/** `among`: only these speakers may voice the call (evaluation on speakers a model never heard). */
export function loadRecordedCallerVoice(dataDir: string, language: string, seed: string, among?: readonly string[]): RecordedCallerVoice {
  const lang = languageOfTag(language) ?? 'en';
  const clips = readClips(manifestPath(dataDir), lang);
  const bySpeaker = new Map<string, Clip[]>();
  for (const c of clips) bySpeaker.set(c.speaker, [...(bySpeaker.get(c.speaker) ?? []), c]);
  // Only speakers who recorded every emotion can voice a whole call.
  const speakers = [...bySpeaker.keys()]
    .filter((s) => new Set(bySpeaker.get(s)!.map((c) => c.emotion)).size === 4 && (among === undefined || among.includes(s)))
    .sort();
  if (speakers.length === 0) {
    throw new Error(`the speech manifest has no ${lang} speaker${among ? ` among ${among.join(', ')}` : ''} with neutral, anger, anxiety and disappointment recordings`);
  }
  const pick = createHash('sha256').update(seed).digest().readUInt32BE(0) % speakers.length;
  const speaker = speakers[pick]!;
  const own = bySpeaker.get(speaker)!;
  const cache = new Map<string, Float32Array>();
  const load = (c: Clip) => {
    let s = cache.get(c.path);
    if (s === undefined) cache.set(c.path, (s = loadWav(c.path).samples));
    return s;
  };

  return {
    description: `${speaker} (${own.length} clips)`,
    speak(emotion, intensity, minDurationMs, turnIndex) {
      const wanted: ActEmotion = intensity < MIN_ACTED_INTENSITY ? 'neutral' : emotion;
      const pool = own.filter((c) => c.emotion === wanted);
      const strong = pool.filter((c) => c.strong === intensity >= 0.6);
      const usable = strong.length > 0 ? strong : pool;
      const parts: Float32Array[] = [];
      let ms = 0;
      for (let k = 0; k < MAX_CLIPS_PER_TURN && (k === 0 || ms < minDurationMs); k++) {
        const clip = load(usable[(turnIndex * 3 + k) % usable.length]!);
        parts.push(clip);
        ms += (clip.length / 8000) * 1000 + CLIP_GAP_MS;
      }
      const gap = Math.round((CLIP_GAP_MS / 1000) * 8000);
      const out = new Float32Array(parts.reduce((n, p) => n + p.length + gap, -gap));
      let o = 0;
      for (const p of parts) {
        out.set(p, o);
        o += p.length + gap;
      }
      return out;
    },
  };
}
