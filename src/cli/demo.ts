// `callcue demo` (`npm run demo`): callcue in-process on loopback, the URLs a newcomer opens, then
// the scripted training calls of manual §6 (scenarios/*.json, voiced by espeak-ng) played into it
// through the native bridge protocol in real time — several at once, each to its own demo agent,
// looping until Ctrl-C (or once) — with a line per call and per prompt.

import { loadConfig, parseConfig } from '../config/index.js';
import { startServer, type RunningServer } from '../server.js';
import {
  checkReplay,
  DEFAULT_MAX_LEAD_MS,
  hasEspeak,
  loadRecordedCallerVoice,
  loadScenarios,
  replayScenario,
  synthesizeScenario,
  type ReceivedMessage,
  type SynthesizedCall,
} from '../scenarios/index.js';
import { DEMO_USAGE, DemoUsageError, parseDemoArgs, type DemoArgs } from './demo-args.js';
import { choosePort } from './demo-port.js';
import { measureSpeed, speedAdvice } from './demo-speed.js';

/** A breath between one slot's calls, so each call's screen can be read before the next starts. */
const PAUSE_BETWEEN_CALLS_MS = 4000;

export interface DemoOptions {
  /** Where lines go (default stdout). */
  write?: (line: string) => void;
  /** Stops the demo as Ctrl-C does (tests use it; the CLI listens for SIGINT/SIGTERM itself). */
  signal?: AbortSignal;
  env?: NodeJS.ProcessEnv;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function prepare(args: DemoArgs, write: (l: string) => void): Promise<SynthesizedCall[]> {
  const all = loadScenarios();
  const chosen = args.scenarioIds === null ? all : args.scenarioIds.map((id) => all.find((s) => s.id === id) ?? id);
  const unknown = chosen.filter((s): s is string => typeof s === 'string');
  if (unknown.length > 0) throw new DemoUsageError(`no scenario ${unknown.join(', ')}; there are: ${all.map((s) => s.id).join(', ')}`);
  const scenarios = chosen.filter((s) => typeof s !== 'string');
  write(`preparing ${scenarios.length} scripted calls with espeak-ng${args.voiceCallerFrom ? ` (callers voiced from ${args.voiceCallerFrom})` : ''}…`);
  const calls: SynthesizedCall[] = [];
  for (const s of scenarios) {
    const callerVoice = args.voiceCallerFrom ? loadRecordedCallerVoice(args.voiceCallerFrom, s.language, s.id) : undefined;
    calls.push(await synthesizeScenario(s, callerVoice ? { callerVoice } : {}));
  }
  const lines = calls.reduce((n, c) => n + c.turns.length, 0);
  const cached = calls.reduce((n, c) => n + c.cachedLines, 0);
  const minutes = calls.reduce((ms, c) => ms + c.durationMs, 0) / 60_000;
  write(`ready: ${calls.length} calls, ${minutes.toFixed(1)} minutes of audio (${cached} of ${lines} lines from the cache)`);
  return calls;
}

export async function runDemo(argv: string[], options: DemoOptions = {}): Promise<number> {
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  let args: DemoArgs;
  try {
    args = parseDemoArgs(argv);
  } catch (err) {
    process.stderr.write(`callcue demo: ${(err as Error).message}\n\n${DEMO_USAGE}`);
    return 2;
  }
  if (args.help) {
    write(DEMO_USAGE);
    return 0;
  }
  if (!hasEspeak()) {
    process.stderr.write('callcue demo: espeak-ng voices the scripted calls and is not installed (apt-get install espeak-ng, or scripts/debian-deps.sh)\n');
    return 1;
  }
  let calls: SynthesizedCall[];
  try {
    calls = await prepare(args, write);
  } catch (err) {
    process.stderr.write(`callcue demo: ${(err as Error).message}\n`);
    return err instanceof DemoUsageError ? 2 : 1;
  }

  const env = options.env ?? process.env;
  const base = loadConfig(env);
  const host = '127.0.0.1';
  const port = await choosePort(host, args.port, args.portChosen);
  if ('error' in port) {
    process.stderr.write(`callcue demo: ${port.error}\n`);
    return 1;
  }
  if (port.note) write(port.note);
  // Only speeds this machine holds for this many calls (measured now, on the first scripted call).
  const measured = await measureSpeed(parseConfig({ ...base, logLevel: 'silent' }), calls[0]!, args.calls);
  const advice = speedAdvice(args.speed, measured, args.calls);
  if (advice && measured.heldX <= 0) {
    process.stderr.write(`callcue demo: ${advice}\n`);
    return 1;
  }
  if (advice) write(advice);
  const speed = Math.min(args.speed, measured.heldX);
  // A demo on loopback: no keys or tokens, so the pages and the demo bridge connect as they are.
  // Its calls are recorded in memory: scripted calls never enter a service's database.
  const config = parseConfig({
    ...base,
    dbUrl: 'sqlite::memory:',
    host,
    port: port.port,
    // The replay keeps at most DEFAULT_MAX_LEAD_MS of audio ahead of the pipeline (two tracks, 50
    // messages a second each): the queue holds that twice over, so a busy moment slows a call
    // instead of shedding its audio.
    maxQueuedAudioFrames: Math.max(base.maxQueuedAudioFrames, Math.ceil((DEFAULT_MAX_LEAD_MS / 1000) * 50 * 2 * 2)),
    apiKeys: [],
    agentTokens: [],
    supervisorTokens: [],
    logLevel: env.CALLCUE_LOG_LEVEL ? base.logLevel : 'warn',
  });
  let server: RunningServer;
  try {
    server = await startServer(config);
  } catch (err) {
    // A setting the node refuses (CALLCUE_MODELS_DIR without models…), or a port taken since it was chosen.
    process.stderr.write(`callcue demo: callcue did not start: ${(err as Error).message}\n`);
    return 1;
  }
  const stop = new AbortController();
  const onSignal = () => {
    if (stop.signal.aborted) process.exit(130);
    write('stopping: ending the calls in progress (Ctrl-C again to quit at once)…');
    stop.abort();
  };
  const external = options.signal;
  external?.addEventListener('abort', () => stop.abort(), { once: true });
  if (!external) {
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
  try {
    const agents = Array.from({ length: args.calls }, (_, i) => `demo-agent-${i + 1}`);
    write('');
    write(`callcue is running at ${server.url}`);
    write(`  agent desktop:    ${server.url}/?agentId=${agents[0]}${agents.length > 1 ? `   (also ${agents.slice(1).join(', ')})` : ''}`);
    write(`  supervisor wall:  ${server.url}/supervisor`);
    write(`  metrics:          ${server.url}/metrics`);
    write(`the first calls start in ${secs(args.delayMs)}; ${args.once ? 'each scenario plays once' : 'they loop until Ctrl-C'}`);
    write('');
    await sleep(args.delayMs, stop.signal);
    const failures = await playAll(server, calls, agents, { ...args, speed }, stop.signal, write);
    return args.check && args.once && failures > 0 ? 1 : 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await server.stop();
    write('callcue demo stopped');
  }
}

/** Plays calls on every agent's slot; returns how many checked calls failed. */
async function playAll(server: RunningServer, calls: SynthesizedCall[], agents: string[], args: DemoArgs, signal: AbortSignal, write: (l: string) => void): Promise<number> {
  const wsUrl = server.url.replace(/^http/, 'ws');
  const queue = [...calls];
  let failures = 0;
  let callNumber = 0;
  const slot = async (agentId: string, index: number) => {
    for (let k = 0; !signal.aborted; k++) {
      const call = args.once ? queue.shift() : calls[(index + k * agents.length) % calls.length];
      if (call === undefined) return;
      const ok = await playOne(call, agentId, `demo-${call.scenario.id}-${++callNumber}`);
      if (!ok) failures++;
      if (args.once && queue.length === 0) return;
      await sleep(PAUSE_BETWEEN_CALLS_MS, signal);
    }
  };
  const playOne = async (call: SynthesizedCall, agentId: string, callId: string): Promise<boolean> => {
    const s = call.scenario;
    write(`▶ ${agentId}  ${s.id}  ${s.title} (${secs(call.durationMs)})`);
    try {
      const result = await replayScenario(call, {
        url: wsUrl,
        agentId,
        callId,
        speed: args.speed,
        signal,
        onMessage: (r) => announce(r, agentId, s.id, write),
      });
      const prompts = result.prompts.length;
      const alerts = result.received.filter((r) => r.message.type === 'alert' && r.message.callId === callId).length;
      let verdict = '';
      let ok = true;
      if (args.check && !result.aborted) {
        const check = checkReplay(call, result);
        ok = check.ok;
        verdict = check.ok ? '  ✓ as scripted' : `  ✗ ${check.failures.map((f) => `${f.kind}: ${f.message}`).join('; ')}`;
      }
      write(`■ ${agentId}  ${s.id}  ${result.aborted ? 'stopped' : 'ended'} at ${secs(result.mediaMs)}: ${prompts} prompt${prompts === 1 ? '' : 's'}, ${alerts} alert${alerts === 1 ? '' : 's'}${verdict}`);
      return ok;
    } catch (err) {
      write(`■ ${agentId}  ${s.id}  failed: ${(err as Error).message}`);
      return false;
    }
  };
  await Promise.all(agents.map((a, i) => slot(a, i)));
  return failures;
}

function announce(r: ReceivedMessage, agentId: string, scenarioId: string, write: (l: string) => void): void {
  const m = r.message;
  const at = secs(r.mediaMs).padStart(8);
  if (m.type === 'prompt') write(`  ${at}  ${agentId}  ${scenarioId}  prompt  ${String(m.rule).padEnd(40)} ${String(m.title)}`);
  else if (m.type === 'alert') write(`  ${at}  ${agentId}  ${scenarioId}  alert   ${String(m.level).padEnd(8)} ${String(m.rule)}`);
}
