// The fusion's regression test: a fast subset of `callcue eval-calls` — scenario calls voiced by
// espeak-ng, streamed into a real node over the native protocol with a streaming recogniser's
// partials every 500 ms, measured from what its agent feed delivered. Emotional calls are cut
// after the turn following their first emotional turn (onset is all they are here for); calm calls
// play whole. Every figure is on media time (the events' tsMs), so a busy machine or the replay
// speed moves when results arrive, never what they are. Skipped only without espeak-ng.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateCalls, ONSET_MAX_TARGET_MS, type EvaluatedCall } from '../../src/eval/index.js';
import { hasEspeak, loadScenarioById, parseScenario, type Scenario } from '../../src/scenarios/index.js';
import { startTestServer } from '../helpers/server.js';

const EMOTIONAL = ['complaint-en-US', 'complaint-zh-HK', 'complaint-refund-zh-CN', 'emergency-zh-CN'];
const CALM = ['enquiry-zh-CN', 'enquiry-fee-en-US', 'enquiry-transfer-en-US'];

/** The call up to the turn after its first emotional turn: the part onset is measured on. */
function opening(s: Scenario): Scenario {
  const first = s.turns.findIndex((t) => t.act?.cue !== undefined);
  return parseScenario({ ...s, turns: s.turns.slice(0, first + 2), expect: {} });
}

describe.skipIf(!hasEspeak())('eval-calls subset: onset, calm callers, prompts beside their state', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  const calls = new Map<string, EvaluatedCall>();

  beforeAll(async () => {
    // A queue deep enough that a loaded machine delays the pipeline rather than shedding audio.
    server = await startTestServer({ maxQueuedAudioFrames: 30_000 });
    const scenarios = [...EMOTIONAL.map((id) => opening(loadScenarioById(id))), ...CALM.map((id) => loadScenarioById(id))];
    const results = await evaluateCalls(scenarios, { url: server.wsUrl, callerVoice: null, speed: 8, concurrency: 2, partialEveryMs: 500 });
    for (const r of results) calls.set(r.onset.scenarioId, r);
  }, 600_000);
  afterAll(async () => server?.stop());

  it('streams every call whole: nothing shed, each ended by the bridge', () => {
    for (const c of calls.values()) expect({ id: c.onset.scenarioId, shed: c.shedFrames, end: c.endReason }).toEqual({ id: c.onset.scenarioId, shed: 0, end: 'stop' });
  });

  it.each(EMOTIONAL)('%s: the state reaches the agent within 3 s of the first emotional words, with its empathy prompt', (id) => {
    const o = calls.get(id)!.onset;
    expect(o.moment, 'the script marks its first emotional words').not.toBeNull();
    expect(o.missed, `${id}: no ${o.moment!.emotion} state`).toBe(false);
    expect(o.stateDelayMs!).toBeLessThanOrEqual(ONSET_MAX_TARGET_MS);
    expect(o.promptDelayMs, 'the empathy prompt comes with the state').toBe(o.stateDelayMs);
    expect(o.falseOnsets).toEqual([]);
    expect(o.wrongOnsets).toEqual([]);
  });

  it.each(CALM)('%s: a calm caller gets no emotion state and no emotion prompt', (id) => {
    const o = calls.get(id)!.onset;
    expect(o.calm).toBe(true);
    expect(o.falseOnsets).toEqual([]);
  });

  it('shows every emotion prompt beside the state it was raised on, which it carries', () => {
    for (const c of calls.values()) expect(c.onset.disagreements, c.onset.scenarioId).toEqual([]);
    const raised = [...calls.values()].flatMap((c) => c.onset.prompts);
    expect(raised.length).toBeGreaterThanOrEqual(EMOTIONAL.length);
    for (const p of raised) expect(p.stateLabel, p.rule).toBe(p.rule === 'deescalation.anger.persisting' ? 'anger' : p.rule.replace('empathy.onset.', ''));
  });
});
