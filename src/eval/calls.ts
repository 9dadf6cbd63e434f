// Scenario calls streamed through a live callcue node, a few at a time, each measured for onset
// (onset.ts): synthesis (espeak-ng for every line, or the caller voiced by recordings), the replay
// over the native protocol with a streaming recogniser's partials, and the measure of its feed.

import type { Scenario } from '../scenarios/schema.js';
import { synthesizeScenario, type SynthesizedCall } from '../scenarios/synthesize.js';
import { replayScenario } from '../scenarios/replay.js';
import type { RecordedCallerVoice } from '../scenarios/recorded-caller.js';
import { measureOnset, type CallOnset } from './onset.js';

/** A streaming recogniser's cadence: a partial about every half second. */
export const STREAMING_PARTIAL_MS = 500;

export interface EvalCallsOptions {
  /** The node's ws:// base URL. */
  url: string;
  /** Caller voiced by recordings, per scenario; null: espeak-ng voices every line. */
  callerVoice: ((scenario: Scenario) => RecordedCallerVoice) | null;
  speed: number;
  /** Calls streamed at once. */
  concurrency: number;
  partialEveryMs: number;
  key?: string | undefined;
  feedToken?: string | undefined;
  /** One line per finished call. */
  progress?: (line: string) => void;
}

export interface EvaluatedCall {
  onset: CallOnset;
  /** Who voiced the caller: "espeak en-us+m3" or "recordings ravdess-05 (60 clips)". */
  callerVoice: string;
  durationMs: number;
  wallMs: number;
  /** Audio the node dropped: any makes the call's figures unreliable. */
  shedFrames: number | null;
  endReason: string | null;
}

async function evaluateOne(scenario: Scenario, options: EvalCallsOptions): Promise<EvaluatedCall> {
  const recorded = options.callerVoice?.(scenario);
  const call: SynthesizedCall = await synthesizeScenario(scenario, { partialEveryMs: options.partialEveryMs, ...(recorded ? { callerVoice: recorded } : {}) });
  const result = await replayScenario(call, { url: options.url, speed: options.speed, agentId: `eval-${scenario.id}`, key: options.key, feedToken: options.feedToken });
  return {
    onset: measureOnset(call, result),
    callerVoice: recorded ? `recordings ${recorded.description}` : `espeak ${call.voices.caller}`,
    durationMs: call.durationMs,
    wallMs: result.wallMs,
    shedFrames: result.shedFrames,
    endReason: result.endReason,
  };
}

/** Every scenario once, `concurrency` at a time; results in the scenarios' order. */
export async function evaluateCalls(scenarios: readonly Scenario[], options: EvalCallsOptions): Promise<EvaluatedCall[]> {
  const results: EvaluatedCall[] = new Array(scenarios.length);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < scenarios.length; i = next++) {
      results[i] = await evaluateOne(scenarios[i]!, options);
      options.progress?.(`${scenarios[i]!.id}: done (${(results[i]!.wallMs / 1000).toFixed(1)} s)`);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, scenarios.length)) }, lane));
  return results;
}
