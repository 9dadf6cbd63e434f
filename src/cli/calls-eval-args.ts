// `callcue eval-calls` arguments: parsed and checked before anything starts, each mistake named.

import { parseArgs } from 'node:util';

export const EVAL_CALLS_USAGE = `usage: callcue eval-calls [--data DIR] [--speakers ID,ID…] [--no-holdout] [--scenario ID,ID…]
                         [--speed 4] [--concurrency 2] [--partial-ms 500] [--models DIR]
                         [--playbook FILE] [--url ws://HOST:PORT] [--out DIR] [--check]
  Streams the scenario calls (scenarios/*.json: the manual's situations in zh and en, and calm
  calls) through a live callcue node over the native protocol, with partial transcripts every
  --partial-ms as a streaming recogniser sends them, and reports per call how long after the first
  emotional moment the caller's state reached the agent (media time), missed onsets, false onsets
  on calm callers, the empathy prompt's timing and prompt/state disagreements; then a summary
  table against issue 15's targets. Also written as JSON to --out (default results/).
  --data DIR       voice the callers with labelled recordings of held-out speakers from DIR (the
                   folder holding speech/manifest.csv, e.g. ../shared/data); without it every line
                   is spoken by espeak-ng
  --speakers IDS   the held-out speakers who voice callers (default ravdess-05,ravdess-16,casia-wangzhe)
  --no-holdout     with --data, use the shipped voice model even though it was trained on these
                   speakers (default: train one without them first, cached in the temp folder)
  --scenario IDS   only these scenarios (default: all)
  --speed N        N× real time (default 4; results are on media time and do not depend on it)
  --concurrency N  calls at once (default 2)
  --models DIR     models for the in-process node (default models/)
  --playbook FILE  playbook for the in-process node (default playbooks/default.json)
  --url URL        measure an already running node instead (its own models and playbook)
  --out DIR        where the JSON goes (default results/)
  --check          exit code 1 when a target is not met
`;

export interface EvalCallsArgs {
  data: string | null;
  speakers: string[] | null;
  holdout: boolean;
  scenarioIds: string[] | null;
  speed: number;
  concurrency: number;
  partialMs: number;
  models: string | null;
  playbook: string | null;
  url: string | null;
  out: string;
  check: boolean;
  help: boolean;
}

export class EvalCallsUsageError extends Error {}

const list = (v: string | undefined) => (v === undefined ? null : v.split(',').map((s) => s.trim()).filter(Boolean));

export function parseEvalCallsArgs(argv: string[]): EvalCallsArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: false,
      options: {
        data: { type: 'string' },
        speakers: { type: 'string' },
        'no-holdout': { type: 'boolean', default: false },
        scenario: { type: 'string' },
        speed: { type: 'string', default: '4' },
        concurrency: { type: 'string', default: '2' },
        'partial-ms': { type: 'string', default: '500' },
        models: { type: 'string' },
        playbook: { type: 'string' },
        url: { type: 'string' },
        out: { type: 'string', default: 'results' },
        check: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    throw new EvalCallsUsageError((err as Error).message);
  }
  const v = parsed.values;
  const num = (name: string, value: string, min: number, max: number, whole: boolean) => {
    const n = Number(value);
    if (!Number.isFinite(n) || n < min || n > max || (whole && !Number.isInteger(n))) {
      throw new EvalCallsUsageError(`--${name} must be ${whole ? 'a whole number' : 'a number'} from ${min} to ${max}`);
    }
    return n;
  };
  if (v.url !== undefined && !/^wss?:\/\//.test(v.url)) throw new EvalCallsUsageError('--url must start with ws:// or wss://');
  if (v.url !== undefined && (v.models !== undefined || v.playbook !== undefined)) {
    throw new EvalCallsUsageError('--models and --playbook set up the in-process node; a node given by --url has its own');
  }
  if (v.speakers !== undefined && v.data === undefined) throw new EvalCallsUsageError('--speakers needs --data: without it espeak-ng voices the callers');
  return {
    data: v.data ?? null,
    speakers: list(v.speakers),
    holdout: !v['no-holdout'],
    scenarioIds: list(v.scenario),
    speed: num('speed', v.speed!, 0.1, 50, false),
    concurrency: num('concurrency', v.concurrency!, 1, 16, true),
    partialMs: num('partial-ms', v['partial-ms']!, 50, 10_000, true),
    models: v.models ?? null,
    playbook: v.playbook ?? null,
    url: v.url ?? null,
    out: v.out!,
    check: v.check!,
    help: v.help!,
  };
}
