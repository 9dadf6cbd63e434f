// Compares what the feed delivered for a scenario call with the scenario's expectations: every
// must-rule present, in order of first occurrence and where timed; no must-not rule; no prompt
// outside must ∪ may; prompts in the call's language and script; the checklist and the
// supervisor alert as expected; and a clean end (no shed audio) so the verdict can be trusted.

import type { AlertEvent, ChecklistEvent, PromptEvent } from '../protocol/feed.js';
import { matchesAny } from './rules.js';
import { expectedScript, scriptProblem } from './script-check.js';
import type { ReceivedPrompt, ReplayResult } from './replay.js';
import type { SynthesizedCall } from './synthesize.js';

export type CheckFailureKind = 'missing' | 'order' | 'timing' | 'forbidden' | 'unexpected' | 'script' | 'checklist' | 'alert' | 'call';

export interface CheckFailure {
  kind: CheckFailureKind;
  message: string;
}

export interface CheckResult {
  ok: boolean;
  failures: CheckFailure[];
  /** The first prompt of each rule, in order of arrival. */
  firsts: ReceivedPrompt[];
  alerts: AlertEvent[];
  checklist: ChecklistEvent | null;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function checkReplay(call: SynthesizedCall, result: ReplayResult): CheckResult {
  const { expect } = call.scenario;
  const failures: CheckFailure[] = [];
  const fail = (kind: CheckFailureKind, message: string) => failures.push({ kind, message });
  const ofCall = result.received.map((r) => r.message).filter((m) => m.callId === result.callId);

  const firsts: ReceivedPrompt[] = [];
  const firstIndex = new Map<string, number>();
  for (const p of result.prompts) {
    if (firstIndex.has(p.prompt.rule)) continue;
    firstIndex.set(p.prompt.rule, firsts.length);
    firsts.push(p);
  }

  // Every must-rule, then their order: all of a step's firsts come before any of the next step's.
  const steps = expect.must.map((s) => (Array.isArray(s) ? s : [s]));
  for (const rule of steps.flat()) if (!firstIndex.has(rule)) fail('missing', `${rule} was never raised`);
  for (let i = 1; i < steps.length; i++) {
    const before = steps[i - 1]!.filter((r) => firstIndex.has(r));
    const after = steps[i]!.filter((r) => firstIndex.has(r));
    for (const a of before) {
      for (const b of after) {
        if (firstIndex.get(a)! > firstIndex.get(b)!) fail('order', `${b} came before ${a}; expected ${a} first`);
      }
    }
  }

  const turnById = new Map(call.turns.filter((t) => t.id !== undefined).map((t) => [t.id!, t]));
  for (const [rule, timing] of Object.entries(expect.timing)) {
    const i = firstIndex.get(rule);
    if (i === undefined) continue;
    // Where the prompt belongs in the call (its own media time), not when a busy node got it out.
    const atMs = firsts[i]!.raisedAtMs;
    const after = timing.after !== undefined ? turnById.get(timing.after) : undefined;
    const before = timing.before !== undefined ? turnById.get(timing.before) : undefined;
    if (after && atMs < after.startMs) fail('timing', `${rule} came at ${seconds(atMs)}, before turn "${after.id}" (from ${seconds(after.startMs)})`);
    if (before && atMs > before.endMs) fail('timing', `${rule} came at ${seconds(atMs)}, after turn "${before.id}" (ended ${seconds(before.endMs)})`);
  }

  for (const p of firsts) {
    const rule = p.prompt.rule;
    if (matchesAny(expect.mustNot, rule)) fail('forbidden', `${rule} must not be raised (at ${seconds(p.raisedAtMs)}: ${p.prompt.title})`);
    else if (!steps.flat().includes(rule) && !matchesAny(expect.may, rule)) {
      fail('unexpected', `${rule} was raised but the scenario neither requires nor allows it (at ${seconds(p.raisedAtMs)}: ${p.prompt.title})`);
    }
  }

  const script = expectedScript(call.scenario.language);
  for (const { prompt } of result.prompts) {
    const problems = promptTexts(prompt)
      .map(([field, text]) => [field, scriptProblem(text, script)] as const)
      .filter(([, problem]) => problem !== null);
    for (const [field, problem] of problems) fail('script', `${prompt.rule} ${field}: ${problem}`);
  }

  const alerts = ofCall.filter((m) => m.type === 'alert') as unknown as AlertEvent[];
  if (expect.alert === 'required' && alerts.length === 0) fail('alert', 'no supervisor alert was raised');
  if (expect.alert === 'forbidden' && alerts.length > 0) fail('alert', `a supervisor alert was raised: ${alerts.map((a) => a.rule).join(', ')}`);

  const checklists = ofCall.filter((m) => m.type === 'checklist') as unknown as ChecklistEvent[];
  const checklist = checklists.at(-1) ?? null;
  if (expect.checklist.length > 0) {
    if (checklist === null) fail('checklist', 'no checklist event was delivered');
    else {
      const missing = expect.checklist.filter((id) => !checklist.items.some((item) => item.id === id && item.done));
      if (missing.length > 0) fail('checklist', `not ticked by the end of the call: ${missing.join(', ')}`);
    }
  }

  if (result.endReason !== 'stop') fail('call', `the call did not end cleanly (call.ended reason: ${result.endReason ?? 'never received'})`);
  if (result.shedFrames !== null && result.shedFrames > 0) fail('call', `the node shed ${result.shedFrames} audio messages; replay slower`);

  return { ok: failures.length === 0, failures, firsts, alerts, checklist };
}

/** The parts of a prompt the agent reads, which must be in the call's script. */
function promptTexts(p: PromptEvent): [string, string][] {
  const out: [string, string][] = [
    ['title', p.title],
    ['text', p.text],
  ];
  if (p.quote) out.push(['quote', p.quote]);
  (p.avoid ?? []).forEach((a, i) => out.push([`avoid[${i}]`, a]));
  return out;
}
