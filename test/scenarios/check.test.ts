// The checker that judges a scenario run: given what a feed delivered, it must name each kind of
// miss — a missing or late prompt, the wrong order, a forbidden or unexpected one, the wrong
// script, an unticked checklist, a missing alert, an unclean end — and pass a run that meets all.

import { describe, expect, it } from 'vitest';
import {
  checkReplay,
  formatReport,
  parseScenario,
  type ReceivedMessage,
  type ReplayResult,
  type ScenarioInput,
  type SynthesizedCall,
} from '../../src/scenarios/index.js';
import { silentCall } from '../helpers/scenario-call.js';

function scenario(language: string, expect: ScenarioInput['expect']) {
  return parseScenario({
    id: `complaint-${language}`,
    kind: 'complaint',
    language,
    title: 't',
    summary: 's',
    sections: ['§3'],
    turns: [
      { id: 'a1', speaker: 'agent', text: 'a1' },
      { id: 'c1', speaker: 'caller', text: 'c1', act: { emotion: 'anger', intensity: 0.8 } },
      { id: 'a2', speaker: 'agent', text: 'a2' },
      { id: 'c2', speaker: 'caller', text: 'c2' },
    ],
    expect,
  });
}

/** A call of four 2-second turns: a1 0.5–2.5 s, c1 3.1–5.1 s, a2 5.7–7.7 s, c2 8.3–10.3 s. */
const callOf = (s: ReturnType<typeof scenario>): SynthesizedCall => silentCall(s, [2000, 2000, 2000, 2000]);

let seq = 0;
/** A prompt raised at media time tsMs (default: as it arrived, at mediaMs). */
const prompt = (mediaMs: number, rule: string, title = 'Acknowledge the feeling', text = 'Say: I understand how you feel.', tsMs = mediaMs): ReceivedMessage => ({
  mediaMs,
  message: { type: 'prompt', callId: 'c', seq: ++seq, promptId: `p${seq}`, rule, kind: rule.split('.')[0], priority: 2, title, text, evidence: ['caller said …'], section: '§3', expiresAt: '', tsMs, latencyMs: 1, at: '' },
});
const checklist = (done: string[]): ReceivedMessage => ({
  mediaMs: 10_000,
  message: { type: 'checklist', callId: 'c', seq: ++seq, items: ['greeting', 'confirm', 'inform', 'closing'].map((id) => ({ id, done: done.includes(id) })) },
});
const alert = (rule: string): ReceivedMessage => ({ mediaMs: 6000, message: { type: 'alert', callId: 'c', seq: ++seq, rule, level: 'warning', title: 'x', evidence: [], agentId: 'a' } });

function result(received: ReceivedMessage[], end: Partial<ReplayResult> = {}): ReplayResult {
  return {
    callId: 'c',
    agentId: 'a',
    language: 'en-US',
    received,
    prompts: received.filter((r) => r.message.type === 'prompt').map((r) => ({ mediaMs: r.mediaMs, raisedAtMs: r.message.tsMs as number, prompt: r.message as never })),
    acknowledged: true,
    shedFrames: 0,
    endReason: 'stop',
    mediaMs: 11_000,
    wallMs: 2000,
    pacedMs: 0,
    aborted: false,
    ...end,
  };
}

const EXPECT = {
  must: ['empathy.onset.anger', ['language.feeling-denial', 'language.negative-wording'], 'escalation.intermediate'],
  timing: { 'empathy.onset.anger': { after: 'c1', before: 'a2' } },
  mustNot: ['compliance.*'],
  may: ['coaching.*'],
  checklist: ['greeting', 'closing'],
  alert: 'required',
} satisfies ScenarioInput['expect'];

const GOOD = [
  prompt(4000, 'empathy.onset.anger'),
  prompt(7700, 'language.negative-wording'),
  prompt(7700, 'language.feeling-denial'),
  prompt(7800, 'coaching.talk-over'),
  prompt(9000, 'escalation.intermediate'),
  prompt(9500, 'empathy.onset.anger'),
  alert('escalation.intermediate'),
  checklist(['greeting', 'closing']),
];

describe('checkReplay', () => {
  const s = scenario('en-US', EXPECT);
  const call = callOf(s);

  it('passes a run that meets every expectation (a step’s rules in any order, repeats ignored, may-rules allowed)', () => {
    const check = checkReplay(call, result(GOOD));
    expect(check.failures).toEqual([]);
    expect(check.ok).toBe(true);
    expect(check.firsts.map((f) => f.prompt.rule)).toEqual(['empathy.onset.anger', 'language.negative-wording', 'language.feeling-denial', 'coaching.talk-over', 'escalation.intermediate']);
    expect(formatReport(call, result(GOOD), check)).toMatch(/verdict: PASS/);
  });

  it('names a missing rule and a step out of order', () => {
    const missing = checkReplay(call, result(GOOD.filter((m) => m.message.rule !== 'language.feeling-denial')));
    expect(missing.failures).toEqual([{ kind: 'missing', message: 'language.feeling-denial was never raised' }]);
    const swapped = [prompt(4000, 'empathy.onset.anger'), prompt(5000, 'escalation.intermediate'), ...GOOD.slice(1)];
    const order = checkReplay(call, result(swapped));
    expect(order.failures.map((f) => f.kind)).toEqual(['order', 'order']);
    expect(order.failures[0]!.message).toMatch(/escalation.intermediate came before language.feeling-denial/);
  });

  it('names a prompt outside its timing window', () => {
    const late = [prompt(8000, 'empathy.onset.anger'), ...GOOD.slice(1, 5), ...GOOD.slice(6)];
    const check = checkReplay(call, result(late));
    expect(check.failures).toEqual([{ kind: 'timing', message: 'empathy.onset.anger came at 8.0 s, after turn "a2" (ended 7.7 s)' }]);
    const early = checkReplay(call, result([prompt(1000, 'empathy.onset.anger'), ...GOOD.slice(1)]));
    expect(early.failures).toEqual([{ kind: 'timing', message: 'empathy.onset.anger came at 1.0 s, before turn "c1" (from 3.1 s)' }]);
  });

  it('judges timing by where the prompt belongs in the call, not by when a busy node delivered it', () => {
    // Raised at 4.5 s (inside c1–a2) but delivered when the bridge was already at 9 s.
    const delivered = [prompt(9000, 'empathy.onset.anger', undefined, undefined, 4500), ...GOOD.slice(1)];
    expect(checkReplay(call, result(delivered)).failures).toEqual([]);
    const raisedLate = [prompt(9000, 'empathy.onset.anger', undefined, undefined, 8000), ...GOOD.slice(1)];
    expect(checkReplay(call, result(raisedLate)).failures).toEqual([{ kind: 'timing', message: 'empathy.onset.anger came at 8.0 s, after turn "a2" (ended 7.7 s)' }]);
  });

  it('names a forbidden rule (by family) and one neither required nor allowed', () => {
    const check = checkReplay(call, result([...GOOD, prompt(9800, 'compliance.secret-request'), prompt(9900, 'empathy.onset.anxiety')]));
    expect(check.failures.map((f) => f.kind)).toEqual(['forbidden', 'unexpected']);
    expect(check.failures[0]!.message).toMatch(/^compliance.secret-request must not be raised/);
    expect(check.failures[1]!.message).toMatch(/^empathy.onset.anxiety was raised but the scenario neither requires nor allows it/);
  });

  it('names an unticked checklist item, a missing alert and an unclean end', () => {
    const check = checkReplay(call, result([...GOOD.slice(0, 6), checklist(['greeting'])], { shedFrames: 3, endReason: 'bridge_disconnected' }));
    expect(check.failures.map((f) => f.kind)).toEqual(['alert', 'checklist', 'call', 'call']);
    expect(check.failures[1]!.message).toBe('not ticked by the end of the call: closing');
    const noChecklist = checkReplay(call, result(GOOD.slice(0, 7)));
    expect(noChecklist.failures).toEqual([{ kind: 'checklist', message: 'no checklist event was delivered' }]);
  });

  it('refuses an alert on a call that must raise none', () => {
    const calm = callOf(scenario('en-US', { ...EXPECT, alert: 'forbidden' }));
    expect(checkReplay(calm, result(GOOD)).failures).toEqual([{ kind: 'alert', message: 'a supervisor alert was raised: escalation.intermediate' }]);
  });
});

describe('the script of prompts', () => {
  const zhGood = (rule: string, ms: number) => prompt(ms, rule, '安抚客户情绪', '您可以说：“我理解您的感受，我们一起来解决。”');

  it('wants English prompts on an English call', () => {
    const call = callOf(scenario('en-US', EXPECT));
    const mixed = [prompt(4000, 'empathy.onset.anger', '安抚客户情绪'), ...GOOD.slice(1)];
    expect(checkReplay(call, result(mixed)).failures).toEqual([{ kind: 'script', message: 'empathy.onset.anger title: Chinese characters in an English prompt: 安抚客户情绪' }]);
  });

  it('wants Simplified on zh-CN and Traditional on zh-HK, character by character', () => {
    const hans = callOf(scenario('zh-CN', EXPECT));
    const zh = GOOD.map((m) => (m.message.type === 'prompt' ? zhGood(m.message.rule as string, m.mediaMs) : m));
    expect(checkReplay(hans, result(zh)).failures).toEqual([]);
    const hant = callOf(scenario('zh-HK', EXPECT));
    const failures = checkReplay(hant, result(zh)).failures;
    expect(failures.length).toBeGreaterThan(0);
    expect(failures.every((f) => f.kind === 'script')).toBe(true);
    expect(failures[0]!.message).toMatch(/Simplified characters in a zh-Hant prompt: .*[抚绪]/);
    const traditional = GOOD.map((m) => (m.message.type === 'prompt' ? prompt(m.mediaMs, m.message.rule as string, '安撫客戶情緒', '您可以說：「我理解您的感受，我們一起來解決。」') : m));
    expect(checkReplay(hant, result(traditional)).failures).toEqual([]);
    expect(checkReplay(hans, result(traditional)).failures[0]!.message).toMatch(/Traditional characters in a zh-Hans prompt/);
  });

  it('wants Chinese, not English, on a Chinese call', () => {
    const hans = callOf(scenario('zh-CN', EXPECT));
    const failures = checkReplay(hans, result(GOOD)).failures;
    expect(failures[0]).toEqual({ kind: 'script', message: 'empathy.onset.anger title: no Chinese characters in a Chinese prompt' });
  });
});
