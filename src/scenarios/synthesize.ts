// A scenario made into a call at test time: each turn spoken by espeak-ng in the speaker's voice
// (the caller's acting its emotion), laid on a stereo timeline (caller, agent) with pauses and
// scripted talk-over, plus the transcript an ASR engine would have sent, timed from the audio.

import type { TranscriptEntry } from '../clients/client.js';
import type { Scenario } from './schema.js';
import { espeakInfo, pickVoice, speak, DEFAULT_AUDIO_CACHE_DIR, SCENARIO_RATE_HZ } from './espeak.js';
import { espeakParams, voiceCandidates, type EspeakParams } from './voices.js';
import { layoutTurns, transcriptFor, DEFAULT_TIMELINE, type TimelineOptions } from './timeline.js';
import type { RecordedCallerVoice } from './recorded-caller.js';

export interface SynthesizedTurn {
  index: number;
  id: string | undefined;
  speaker: 'caller' | 'agent';
  text: string;
  startMs: number;
  endMs: number;
  /** How the line was voiced: espeak's settings, or "recordings". */
  voicing: EspeakParams | 'recordings';
}

export interface SynthesizedCall {
  scenario: Scenario;
  sampleRateHz: typeof SCENARIO_RATE_HZ;
  /** Channel 0 of the call. */
  caller: Float32Array;
  /** Channel 1 of the call; the same length as caller. */
  agent: Float32Array;
  durationMs: number;
  turns: SynthesizedTurn[];
  /** Partials and finals, ordered by endMs. */
  transcript: TranscriptEntry[];
  /** espeak voices used, e.g. { caller: "en-us+f3", agent: "en-us+m3" }. */
  voices: { caller: string; agent: string };
  /** How many lines came from the disk cache. */
  cachedLines: number;
}

export interface SynthesizeOptions {
  cacheDir?: string;
  timeline?: TimelineOptions;
  /** Real recordings for the caller instead of espeak (evaluation runs only). */
  callerVoice?: RecordedCallerVoice;
  /** Peak of the line noise added to both channels (a real line is never digitally silent). */
  noiseAmplitude?: number;
  /** Partials every this many ms, as a streaming recogniser sends them (timeline.ts). */
  partialEveryMs?: number;
}

/** Deterministic low-level hiss, so two runs of a scenario send identical audio. */
function addLineNoise(samples: Float32Array, amplitude: number, seed: number): void {
  let s = seed >>> 0;
  for (let i = 0; i < samples.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    samples[i]! += (s / 2 ** 32 - 0.5) * 2 * amplitude;
  }
}

export async function synthesizeScenario(scenario: Scenario, options: SynthesizeOptions = {}): Promise<SynthesizedCall> {
  const { voices: installed, variants } = await espeakInfo();
  const voice = pickVoice(installed, voiceCandidates(scenario.language));
  for (const v of [scenario.voices.caller, scenario.voices.agent]) {
    if (!variants.has(v)) throw new Error(`${scenario.id}: espeak-ng has no voice variant "${v}"`);
  }
  const cacheDir = options.cacheDir ?? DEFAULT_AUDIO_CACHE_DIR;
  const lines: Float32Array[] = [];
  const voicings: SynthesizedTurn['voicing'][] = [];
  let cachedLines = 0;
  for (const [index, turn] of scenario.turns.entries()) {
    const params = espeakParams(voice, scenario.voices[turn.speaker], turn.speaker, turn.act, turn.style);
    const spoken = await speak(turn.text, params, cacheDir);
    if (spoken.cached) cachedLines++;
    if (turn.speaker === 'caller' && options.callerVoice) {
      // The espeak line still sets how long the turn should last.
      const durationMs = (spoken.samples.length / SCENARIO_RATE_HZ) * 1000;
      lines.push(options.callerVoice.speak(turn.act?.emotion ?? 'neutral', turn.act?.intensity ?? 0, durationMs * 0.8, index));
      voicings.push('recordings');
    } else {
      lines.push(spoken.samples);
      voicings.push(params);
    }
  }
  const timeline = layoutTurns(
    scenario.turns,
    lines.map((l) => (l.length / SCENARIO_RATE_HZ) * 1000),
    options.timeline ?? DEFAULT_TIMELINE,
  );
  const length = Math.ceil((timeline.durationMs / 1000) * SCENARIO_RATE_HZ);
  const channels = { caller: new Float32Array(length), agent: new Float32Array(length) };
  for (const placed of timeline.turns) {
    const target = channels[placed.speaker];
    const offset = Math.round((placed.startMs / 1000) * SCENARIO_RATE_HZ);
    const line = lines[placed.index]!;
    // Mix, not copy: a speaker's own turns never overlap, but mixing keeps that a non-issue.
    for (let i = 0; i < line.length && offset + i < length; i++) target[offset + i]! += line[i]!;
  }
  const noise = options.noiseAmplitude ?? 0.0015;
  if (noise > 0) {
    addLineNoise(channels.caller, noise, 11);
    addLineNoise(channels.agent, noise, 23);
  }
  const texts = scenario.turns.map((t) => t.text);
  return {
    scenario,
    sampleRateHz: SCENARIO_RATE_HZ,
    caller: channels.caller,
    agent: channels.agent,
    durationMs: timeline.durationMs,
    turns: timeline.turns.map((p) => ({
      index: p.index,
      id: scenario.turns[p.index]!.id,
      speaker: p.speaker,
      text: texts[p.index]!,
      startMs: p.startMs,
      endMs: p.endMs,
      voicing: voicings[p.index]!,
    })),
    transcript: transcriptFor(timeline, texts, { partialEveryMs: options.partialEveryMs }),
    voices: { caller: `${voice}+${scenario.voices.caller}`, agent: `${voice}+${scenario.voices.agent}` },
    cachedLines,
  };
}
