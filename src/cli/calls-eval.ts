// `callcue eval-calls` (`npm run eval:calls`): the scenario calls through a live node, measured for
// onset, false onsets and prompt timing (src/eval); a table on stdout, JSON in --out.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { packagePath } from '../config/paths.js';
import { hasEspeak, loadRecordedCallerVoice, loadScenarios, type Scenario } from '../scenarios/index.js';
import { MissingDataError, resolveManifest } from '../training/prosody-data.js';
import { DEFAULT_HELD_OUT_SPEAKERS, evaluateCalls, formatCallsReport, heldOutModels, startEvalNode, summarizeCalls } from '../eval/index.js';
import { EVAL_CALLS_USAGE, EvalCallsUsageError, parseEvalCallsArgs, type EvalCallsArgs } from './calls-eval-args.js';

export interface EvalCallsCliOptions {
  write?: (line: string) => void;
  /** Where diagnostics go (default stderr). */
  warn?: (line: string) => void;
}

function versionIn(modelsDir: string, file: string): string {
  try {
    const v = (JSON.parse(readFileSync(join(modelsDir, file), 'utf8')) as { version?: unknown }).version;
    return typeof v === 'string' ? v : 'unversioned';
  } catch {
    return 'none';
  }
}

function chooseScenarios(ids: string[] | null): Scenario[] {
  const all = loadScenarios();
  if (ids === null) return all;
  const unknown = ids.filter((id) => !all.some((s) => s.id === id));
  if (unknown.length > 0) throw new EvalCallsUsageError(`no scenario ${unknown.join(', ')}; there are: ${all.map((s) => s.id).join(', ')}`);
  return all.filter((s) => ids.includes(s.id));
}

export async function runEvalCalls(argv: string[], options: EvalCallsCliOptions = {}): Promise<number> {
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const warn = options.warn ?? ((line: string) => process.stderr.write(`${line}\n`));
  let args: EvalCallsArgs;
  let scenarios: Scenario[];
  try {
    args = parseEvalCallsArgs(argv);
    if (args.help) {
      write(EVAL_CALLS_USAGE);
      return 0;
    }
    scenarios = chooseScenarios(args.scenarioIds);
  } catch (err) {
    warn(`callcue eval-calls: ${(err as Error).message}\n\n${EVAL_CALLS_USAGE}`);
    return 2;
  }
  const data = args.data === null ? null : resolve(args.data);
  if (data !== null) {
    try {
      resolveManifest(data);
    } catch (err) {
      if (!(err instanceof MissingDataError)) throw err;
      warn(`callcue eval-calls: --data ${args.data}: ${err.message}`);
      return 2;
    }
  }
  if (!hasEspeak()) {
    warn('callcue eval-calls: espeak-ng voices the scripted calls and is not installed (apt-get install espeak-ng, or scripts/debian-deps.sh)');
    return 1;
  }
  const speakers = args.speakers ?? [...DEFAULT_HELD_OUT_SPEAKERS];
  let modelsDir = packagePath(args.models ?? 'models');
  const notes: string[] = [];
  try {
    if (data === null) {
      notes.push('callers: espeak-ng (synthetic voices; no --data given — pass --data ../shared/data to voice them with held-out recorded speakers)');
    } else if (args.url !== null) {
      notes.push(`callers: recordings of ${speakers.join(', ')}; the node at --url uses its own voice model, which may have been trained on them`);
    } else if (args.holdout) {
      const held = await heldOutModels(data, speakers, modelsDir, write);
      modelsDir = held.modelsDir;
      notes.push(`callers: recordings of ${speakers.join(', ')}, held out: the voice model was trained without them (${held.trained ? 'trained now' : 'cached'}: ${modelsDir})`);
    } else if (args.models !== null) {
      notes.push(`callers: recordings of ${speakers.join(', ')}; voice model from --models ${modelsDir}, not trained by this run (--no-holdout): whether it heard them is the models' own record`);
    } else {
      notes.push(`callers: recordings of ${speakers.join(', ')} — NOT held out (--no-holdout): the shipped voice model was trained on them`);
    }
  } catch (err) {
    warn(`callcue eval-calls: ${(err as Error).message}`);
    return 1;
  }
  const callerVoice = data === null ? null : (s: Scenario) => loadRecordedCallerVoice(data, s.language, s.id, speakers);
  if (args.url === null) {
    notes.push(`models: prosody ${versionIn(modelsDir, 'prosody.json')}, text ${versionIn(modelsDir, 'text-emotion.json')}; playbook ${args.playbook ?? 'playbooks/default.json'}`);
  }
  notes.push(`partials every ${args.partialMs} ms; ${args.speed}× real time, ${args.concurrency} at once`);
  for (const n of notes) write(n);

  const node = args.url === null ? await startEvalNode({ modelsDir, playbookPath: packagePath(args.playbook ?? 'playbooks/default.json') }) : null;
  const startedAt = new Date();
  let calls;
  try {
    calls = await evaluateCalls(scenarios, {
      url: args.url ?? node!.wsUrl,
      callerVoice,
      speed: args.speed,
      concurrency: args.concurrency,
      partialEveryMs: args.partialMs,
      progress: (line) => warn(line),
    });
  } catch (err) {
    warn(`callcue eval-calls: ${(err as Error).message}`);
    return 1;
  } finally {
    await node?.stop();
  }
  const summary = summarizeCalls(calls);
  write('');
  for (const line of formatCallsReport(calls, summary)) write(line);
  const outDir = resolve(args.out);
  if (!existsSync(outDir)) mkdirSync(outDir, { recursive: true });
  const file = join(outDir, `calls-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
  const json = { command: `callcue eval-calls ${argv.join(' ')}`.trim(), startedAt: startedAt.toISOString(), notes, summary, calls };
  writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
  write(`\nwrote ${file}`);
  const met = summary.meetsTargets;
  return args.check && !(met.onsetMedian && met.onsetMax && met.calmCallsQuiet && summary.shedCalls === 0) ? 1 : 0;
}
