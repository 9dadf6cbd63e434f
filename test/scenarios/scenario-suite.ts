// One scenario file, end to end, against a real callcue node loaded with the shipped models: the
// call is synthesised with espeak-ng, streamed over the native protocol at N× real time with its
// ASR transcript, and the agent feed's prompts are checked against the script's expectations.
// Skipped only when espeak-ng is not installed. CALLCUE_SCENARIO_SPEED changes the pace (default
// 6×), CALLCUE_SCENARIO_REPORT=1 prints the report even when the scenario passes.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasEspeak, loadScenarioById, runScenario, type ScenarioRun } from '../../src/scenarios/index.js';
import { startTestServer } from '../helpers/server.js';

const SPEED = Number(process.env.CALLCUE_SCENARIO_SPEED ?? 6);
const REPLAY_TIMEOUT_MS = 240_000;

export function describeScenario(id: string): void {
  const scenario = loadScenarioById(id);
  if (!hasEspeak()) {
    describe(`scenario ${id}`, () => {
      it.skip(`needs espeak-ng to synthesise the call (apt-get install espeak-ng, or scripts/debian-deps.sh)`, () => {});
    });
    return;
  }

  describe(`scenario ${id}: ${scenario.title}`, () => {
    let server: Awaited<ReturnType<typeof startTestServer>>;
    let run: ScenarioRun;

    beforeAll(async () => {
      server = await startTestServer();
      run = await runScenario(scenario, { url: server.wsUrl, speed: SPEED, agentId: `agent-${id}` });
      if (process.env.CALLCUE_SCENARIO_REPORT === '1') console.log(run.report);
    }, REPLAY_TIMEOUT_MS);
    afterAll(async () => server?.stop());

    it('streams the whole call: the feed sees it start and end, every final, the caller’s voice and the agent’s wording', () => {
      const messages = run.result.received.map((r) => r.message).filter((m) => m.callId === run.result.callId);
      const started = messages.find((m) => m.type === 'call.started');
      expect(started).toMatchObject({ language: scenario.language, agentId: `agent-${id}`, tracks: ['caller', 'agent'] });
      expect(run.result.endReason).toBe('stop');
      expect(run.result.shedFrames).toBe(0);
      const finals = messages.filter((m) => m.type === 'transcript' && m.isFinal === true);
      for (const track of ['caller', 'agent'] as const) {
        expect(finals.filter((m) => m.track === track)).toHaveLength(scenario.turns.filter((t) => t.speaker === track).length);
      }
      // The caller's audio was analysed all through the call, not only at its start.
      const emotion = messages.filter((m) => m.type === 'emotion');
      expect(emotion.length).toBeGreaterThan(run.call.durationMs / 1000);
      expect(Math.max(...emotion.map((m) => m.tsMs as number))).toBeGreaterThan(run.call.durationMs - 3000);
      // The language findings the expectations rely on reached the feed as language events.
      const kinds = new Set(messages.filter((m) => m.type === 'language').flatMap((m) => (m.findings as { kind: string }[]).map((f) => f.kind)));
      for (const rule of scenario.expect.must.flat().filter((r) => r.startsWith('language.'))) expect(kinds.has(rule.slice('language.'.length))).toBe(true);
      expect(kinds.has('flow-greeting') && kinds.has('flow-closing')).toBe(true);
    });

    it('raises the prompts the script expects, in order and in time, none it forbids, all in the call’s script', () => {
      if (!run.check.ok) console.log(run.report);
      expect(run.check.failures, run.report).toEqual([]);
    });
  });
}
