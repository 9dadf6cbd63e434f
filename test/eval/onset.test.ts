// The onset measures eval-calls reports, on hand-made feeds: the first emotional moment from the
// script (cue words, or a strongly acted voice), the state's and the prompt's delay on media time,
// false onsets on calm callers counted once per episode, wrong-emotion onsets, and prompts that
// arrive beside a state saying something else.

import { describe, expect, it } from 'vitest';
import { firstEmotionalMoment, measureOnset, VOICE_HEARD_MS } from '../../src/eval/index.js';
import { parseScenario, type ReceivedMessage, type ReplayResult, type ScenarioInput, type SynthesizedCall } from '../../src/scenarios/index.js';
import { silentCall } from '../helpers/scenario-call.js';

type Turns = ScenarioInput['turns'];

function callOf(turns: Turns, kind: 'complaint' | 'enquiry' = 'complaint'): SynthesizedCall {
  const s = parseScenario({
    id: `${kind}-en-US`,
    kind,
    language: 'en-US',
    title: 't',
    summary: 's',
    sections: ['§3'],
    turns,
    expect: {},
  });
  // Every turn lasts 4 s: turn i spans 0.5 + 4.6·i … 4.5 + 4.6·i s.
  return silentCall(s, s.turns.map(() => 4000), { partialEveryMs: 500 });
}

const state = (tsMs: number, label: string, arrivalMs = tsMs + 100): ReceivedMessage => ({
  mediaMs: arrivalMs,
  message: { type: 'emotion', callId: 'c', tsMs, label, sources: ['text'], latencyMs: 2 },
});
const prompt = (arrivalMs: number, rule: string, tsMs?: number): ReceivedMessage => ({
  mediaMs: arrivalMs,
  message: { type: 'prompt', callId: 'c', rule, ...(tsMs === undefined ? {} : { tsMs }) },
});
function result(received: ReceivedMessage[]): ReplayResult {
  const prompts = received.filter((r) => r.message.type === 'prompt').map((r) => ({ mediaMs: r.mediaMs, raisedAtMs: (r.message.tsMs as number | undefined) ?? r.mediaMs, prompt: r.message as never }));
  return { callId: 'c', agentId: 'a', language: 'en-US', received, prompts, acknowledged: true, shedFrames: 0, endReason: 'stop', mediaMs: 0, wallMs: 0, pacedMs: 0, aborted: false };
}

const ANGRY: Turns = [
  { id: 'a1', speaker: 'agent', text: 'Good morning, how can I help?' },
  // Eight words; the cue ends with the sixth: 0.75 of the way through the 5.1–9.1 s turn.
  { id: 'c1', speaker: 'caller', text: 'Hello. This is the third time, really, sir.', act: { emotion: 'anger', intensity: 0.5, cue: 'third time' } },
  { id: 'a2', speaker: 'agent', text: 'I am sorry to hear that.' },
];

describe('the first emotional moment', () => {
  it('is when the cue words have been said, at an even pace through the turn', () => {
    expect(firstEmotionalMoment(callOf(ANGRY))).toEqual({ emotion: 'anger', atMs: 5100 + 3000, by: 'words', turnId: 'c1', turnStartMs: 5100 });
  });

  it('is a second into a strongly acted line when that comes before the words, and skips mild lines without a cue', () => {
    const turns: Turns = [
      { id: 'c0', speaker: 'caller', text: 'Hi there.', act: { emotion: 'anxiety', intensity: 0.4 } },
      { id: 'a1', speaker: 'agent', text: 'Hello.' },
      { id: 'c1', speaker: 'caller', text: 'My card is gone, I am scared.', act: { emotion: 'anxiety', intensity: 0.9, cue: 'scared' } },
    ];
    expect(firstEmotionalMoment(callOf(turns))).toMatchObject({ emotion: 'anxiety', atMs: 9700 + VOICE_HEARD_MS, by: 'voice', turnId: 'c1' });
  });

  it('does not exist on a calm call', () => {
    expect(firstEmotionalMoment(callOf([{ speaker: 'agent', text: 'Hello.' }, { speaker: 'caller', text: 'Hi.' }], 'enquiry'))).toBeNull();
  });

  it('needs the cue to be in the line', () => {
    expect(() => callOf([{ speaker: 'agent', text: 'Hi.' }, { speaker: 'caller', text: 'I am upset.', act: { emotion: 'anger', cue: 'furious' } }])).toThrow(/not in the line/);
  });
});

describe('measureOnset', () => {
  it('times the state by its media time and the prompt by its own, or by the state it followed', () => {
    const call = callOf(ANGRY);
    const feed = [state(6000, 'neutral'), state(8500, 'anger', 30_000), prompt(30_001, 'empathy.onset.anger'), state(8750, 'anger')];
    const o = measureOnset(call, result(feed));
    expect(o).toMatchObject({ calm: false, stateMs: 8500, stateDelayMs: 400, stateArrivalDelayMs: 30_000 - 8100, stateLatencyMs: 2, promptDelayMs: 400, missed: false });
    expect(o.falseOnsets).toEqual([]);
    expect(o.disagreements).toEqual([]);
    // A node that stamps its prompts: their own media time counts.
    expect(measureOnset(call, result([state(8500, 'anger'), prompt(9000, 'empathy.onset.anger', 8400)])).promptDelayMs).toBe(300);
  });

  it('counts a miss, and a state of another emotion as a wrong onset', () => {
    const o = measureOnset(callOf(ANGRY), result([state(8000, 'anxiety'), state(8250, 'anxiety'), prompt(8300, 'empathy.onset.anxiety')]));
    expect(o.missed).toBe(true);
    expect(o.stateDelayMs).toBeNull();
    expect(o.wrongOnsets.map((w) => [w.what, w.label])).toEqual([
      ['state', 'anxiety'],
      ['prompt', 'empathy.onset.anxiety'],
    ]);
  });

  it('counts every target episode and emotion prompt on a calm call once, and the shown state beside each prompt', () => {
    const calm = callOf([{ id: 'a1', speaker: 'agent', text: 'Hello.' }, { id: 'c1', speaker: 'caller', text: 'What time do you open?' }], 'enquiry');
    const feed = [
      state(1000, 'neutral'),
      state(1250, 'anger'),
      state(1500, 'anger'),
      state(1750, 'uncertain'),
      prompt(1800, 'empathy.onset.anger'),
      state(2000, 'anger'),
      prompt(2100, 'deescalation.anger.persisting'),
    ];
    const o = measureOnset(calm, result(feed));
    expect(o.calm).toBe(true);
    expect(o.moment).toBeNull();
    expect(o.falseOnsets.map((f) => `${f.what} ${f.label}`)).toEqual(['state anger', 'state anger', 'prompt empathy.onset.anger', 'prompt deescalation.anger.persisting']);
    expect(o.disagreements).toEqual([{ atMs: 1800, rule: 'empathy.onset.anger', stateLabel: 'uncertain' }]);
    expect(o.uncertainShare).toBeCloseTo(1 / 5);
  });

  it('calls a target state in the calm opening of an emotional call a false onset', () => {
    const o = measureOnset(callOf(ANGRY), result([state(2000, 'disappointment'), state(8200, 'anger')]));
    expect(o.falseOnsets).toEqual([{ atMs: 2000, what: 'state', label: 'disappointment' }]);
    expect(o.stateDelayMs).toBe(100);
  });
});
