// Call material for the benchmark: stereo calls assembled from the real recordings in the shared
// speech corpus (caller = one speaker's utterances, agent = another's, with their sentences as
// transcript messages), or, with --synthetic, speech-like signals made here.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadWav } from '../../src/training/wav.js';

export interface Utterance {
  samples: Float32Array;
  text: string;
}

export interface BenchCall {
  caller: Float32Array;
  agent: Float32Array;
  /** Transcript finals with their media times. */
  transcript: { track: 'caller' | 'agent'; text: string; startMs: number; endMs: number }[];
}

const RATE = 8000;
const GAP_MS = 400;

/**
 * The corpus sentences are emotionally neutral ("Kids are talking by the door"); so that prompts
 * flow during the benchmark, every third turn carries a line of a contact-center call instead.
 */
const SCRIPT: Record<'caller' | 'agent', string[]> = {
  caller: [
    "This is the third time I'm calling about this and nobody has fixed it!",
    'I want to file a complaint.',
    'When will my refund arrive? I need that money.',
    '我已经打了三次电话了，我要投诉你们！',
    'I expected better from you after twenty years as a customer.',
  ],
  agent: [
    "There's nothing I can do about that.",
    'We will call you back later.',
    'Calm down, please.',
    '这个我们没办法处理，您稍后再打。',
    'Just to confirm, you were charged twice?',
  ],
};

export function loadUtterances(dataDir: string, limit = 300): Map<string, Utterance[]> {
  const manifest = join(dataDir, 'speech', 'manifest.csv');
  if (!existsSync(manifest)) {
    throw new Error(`the speech data is missing: ${manifest} not found. Pass --data DIR (default ../shared/data) or --synthetic.`);
  }
  const lines = readFileSync(manifest, 'utf8').trim().split('\n').slice(1);
  const bySpeaker = new Map<string, Utterance[]>();
  // Spread the pick across speakers and emotions: every k-th row.
  const step = Math.max(1, Math.floor(lines.length / limit));
  for (let i = 0; i < lines.length; i += step) {
    const cols = lines[i]!.split(',');
    const [path, , speaker] = cols;
    const text = cols.slice(6).join(',');
    const audio = loadWav(join(dataDir, 'speech', path!));
    const list = bySpeaker.get(speaker!) ?? [];
    list.push({ samples: audio.samples, text });
    bySpeaker.set(speaker!, list);
  }
  return bySpeaker;
}

/** A call of about durationMs: speakers take turns, one utterance each, with gaps. */
export function assembleCall(speakers: Map<string, Utterance[]>, index: number, durationMs: number): BenchCall {
  const names = [...speakers.keys()];
  const callerUtts = speakers.get(names[index % names.length]!)!;
  const agentUtts = speakers.get(names[(index + 1) % names.length]!)!;
  const n = Math.round((durationMs / 1000) * RATE);
  const caller = new Float32Array(n);
  const agent = new Float32Array(n);
  const transcript: BenchCall['transcript'] = [];
  let at = 0;
  let turn = 0;
  while (at < n) {
    const who = turn % 2 === 0 ? 'caller' : 'agent';
    const pool = who === 'caller' ? callerUtts : agentUtts;
    const u = pool[(index + turn) % pool.length]!;
    const len = Math.min(u.samples.length, n - at);
    (who === 'caller' ? caller : agent).set(u.samples.subarray(0, len), at);
    const text = turn % 3 === 2 ? SCRIPT[who][(index + turn) % SCRIPT[who].length]! : u.text;
    transcript.push({ track: who, text, startMs: (at / RATE) * 1000, endMs: ((at + len) / RATE) * 1000 });
    at += len + Math.round((GAP_MS / 1000) * RATE);
    turn++;
  }
  return { caller, agent, transcript };
}

/** Speech-like material when the corpus is not available. */
export function syntheticCall(index: number, durationMs: number): BenchCall {
  const n = Math.round((durationMs / 1000) * RATE);
  const mk = (f0: number, phaseOffset: number) => {
    const x = new Float32Array(n);
    let ph = 0;
    for (let i = 0; i < n; i++) {
      const t = i / RATE;
      const turn = Math.floor(t / 3 + phaseOffset) % 2 === 0;
      const env = turn ? Math.max(0, Math.sin(Math.PI * 4 * t)) ** 2 : 0;
      ph += (2 * Math.PI * f0 * (1 + 0.1 * Math.sin(t * 2))) / RATE;
      x[i] = 0.3 * env * (Math.sin(ph) + 0.5 * Math.sin(2 * ph) + 0.25 * Math.sin(3 * ph));
    }
    return x;
  };
  return { caller: mk(120 + (index % 7) * 20, 0), agent: mk(180 + (index % 5) * 15, 1), transcript: [] };
}
