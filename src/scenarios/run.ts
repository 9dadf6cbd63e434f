// One scenario end to end against a running node: synthesise, replay, check, report. Shared by
// the scenario tests and `callcue demo --check`.

import type { Scenario } from './schema.js';
import { synthesizeScenario, type SynthesizeOptions, type SynthesizedCall } from './synthesize.js';
import { replayScenario, type ReplayOptions, type ReplayResult } from './replay.js';
import { checkReplay, type CheckResult } from './check.js';
import { formatReport } from './report.js';

export interface ScenarioRun {
  call: SynthesizedCall;
  result: ReplayResult;
  check: CheckResult;
  report: string;
}

export async function runScenario(scenario: Scenario, replay: ReplayOptions, synthesis: SynthesizeOptions = {}): Promise<ScenarioRun> {
  const call = await synthesizeScenario(scenario, synthesis);
  const result = await replayScenario(call, replay);
  const check = checkReplay(call, result);
  return { call, result, check, report: formatReport(call, result, check) };
}
