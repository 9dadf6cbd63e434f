// What the demo can ask of this machine: how fast one call's pipeline runs here now (measured on a
// scripted call, through the same pipeline the server runs, offline), and from it the fastest
// replay speed its calls can share with room to spare — instead of a constant that a loaded or
// smaller machine cannot hold (audio shed, checks failed), or that a faster pipeline outgrows.

import { availableParallelism } from 'node:os';
import type { Config } from '../config/schema.js';
import { analyzeRecording } from '../offline/index.js';
import type { SynthesizedCall } from '../scenarios/index.js';

/** Media measured: a short run to warm up (JIT, models), then a long one that is timed. */
const PROBE_MS = { warmUp: 4_000, timed: 16_000 };
/**
 * The share of the measured throughput the demo spends: the rest is for the sockets, the feed, the
 * pages and everything else on the machine, so each state still arrives within the latency budget.
 */
export const HEADROOM = 0.5;
/** Speeds are offered in these steps (a quarter of real time). */
const STEP = 0.25;

export interface MeasuredSpeed {
  /** One call's pipeline on one thread, as many times real time. */
  pipelineX: number;
  /** Threads the node runs calls' pipelines on. */
  parallel: number;
  /** The fastest speed `calls` calls at once may play at. */
  heldX: number;
}

/**
 * Runs the first seconds of a call through the pipeline to warm it up, then times a longer run whole.
 * The whole run (its start-up included) errs on the slow side; the difference of two runs does not:
 * on a busy machine a delay in the shorter one made it look many times faster than it was.
 */
export async function measureSpeed(config: Config, call: SynthesizedCall, calls: number): Promise<MeasuredSpeed> {
  const time = async (mediaMs: number) => {
    const n = Math.min(call.caller.length, Math.round((mediaMs / 1000) * call.sampleRateHz));
    const r = await analyzeRecording(config, {
      channels: [call.caller.subarray(0, n), call.agent.subarray(0, n)],
      sampleRateHz: call.sampleRateHz,
      transcript: call.transcript.filter((t) => t.endMs <= mediaMs),
      agentId: 'demo-speed',
      language: call.scenario.language,
      monoTrack: 'caller',
    });
    return { mediaMs: r.mediaMs, elapsedMs: r.elapsedMs };
  };
  await time(PROBE_MS.warmUp);
  const timed = await time(PROBE_MS.timed);
  const pipelineX = timed.mediaMs / Math.max(1, timed.elapsedMs);
  const parallel = Math.max(1, Math.min(config.pipelineWorkers || 1, availableParallelism()));
  const heldX = Math.floor(((pipelineX * Math.min(parallel, calls)) / calls) * HEADROOM / STEP) * STEP;
  return { pipelineX, parallel, heldX };
}

/** The line the demo prints for a speed it lowered, or null when the asked speed is held. */
export function speedAdvice(askedX: number, m: MeasuredSpeed, calls: number): string | null {
  if (askedX <= m.heldX) return null;
  const at = `one call's pipeline runs at ${m.pipelineX.toFixed(1)}× real time here now, on ${m.parallel} thread${m.parallel === 1 ? '' : 's'}`;
  if (m.heldX < STEP) return `this machine is too busy for the demo now (${at}); try again when it is quieter`;
  return `--speed ${askedX} is more than this machine holds now for ${calls} call${calls === 1 ? '' : 's'} at once (${at}, half of it kept for the screens): playing at ${m.heldX}×`;
}
