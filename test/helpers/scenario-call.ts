// A scenario made into a SynthesizedCall without audio: its turns laid out from given durations
// and its transcript derived as the synthesiser would, for tests of what reads a call's timeline.

import { layoutTurns, transcriptFor, type Scenario, type SynthesizedCall, type TranscriptOptions } from '../../src/scenarios/index.js';

export function silentCall(scenario: Scenario, durationsMs: readonly number[], transcript: TranscriptOptions = {}): SynthesizedCall {
  const timeline = layoutTurns(scenario.turns, durationsMs);
  const texts = scenario.turns.map((t) => t.text);
  return {
    scenario,
    sampleRateHz: 8000,
    caller: new Float32Array(0),
    agent: new Float32Array(0),
    durationMs: timeline.durationMs,
    turns: timeline.turns.map((p) => ({ ...p, id: scenario.turns[p.index]!.id, text: texts[p.index]!, voicing: 'recordings' as const })),
    transcript: transcriptFor(timeline, texts, transcript),
    voices: { caller: 'x', agent: 'y' },
    cachedLines: 0,
  };
}
