// `callcue demo` arguments: parsed and checked before anything starts, each mistake named.

import { parseArgs } from 'node:util';

export const DEMO_USAGE = `usage: callcue demo [--port 8080] [--calls 3] [--speed 1] [--once] [--check]
                   [--scenario ID,ID…] [--delay-ms 3000] [--voice-caller-from DATA]
  Starts callcue on loopback and plays the scripted training calls (scenarios/*.json, manual §6)
  into it through the native bridge protocol, several at once, each to its own demo agent.
  --port N         where callcue listens (default 8080, or any free port when 8080 is taken, e.g.
                   by npm start; a port you name must be free); 0 = any free port
  --calls N        calls at once, to demo-agent-1 … demo-agent-N (default 3)
  --speed N        N× real time (default 1: real time, as a newcomer should see it); never more
                   than this machine holds for that many calls, measured at start
  --once           play every scenario once, then stop (default: loop until Ctrl-C)
  --check          judge each call against its scenario's expectations; with --once the exit
                   code is 1 if any call failed
  --scenario IDS   only these scenarios (default: all)
  --delay-ms MS    wait before the first call, to open the pages (default 3000)
  --voice-caller-from DATA   voice callers with labelled recordings from DATA (speech/manifest.csv)
                   instead of espeak-ng; for evaluation runs, never in tests
`;

export interface DemoArgs {
  port: number;
  /** Whether --port was given: a named port must be free; the default gives way to a free one. */
  portChosen: boolean;
  calls: number;
  speed: number;
  once: boolean;
  check: boolean;
  scenarioIds: string[] | null;
  delayMs: number;
  voiceCallerFrom: string | null;
  help: boolean;
}

export class DemoUsageError extends Error {}

export function parseDemoArgs(argv: string[]): DemoArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: false,
      options: {
        port: { type: 'string', default: '8080' },
        calls: { type: 'string', default: '3' },
        speed: { type: 'string', default: '1' },
        once: { type: 'boolean', default: false },
        check: { type: 'boolean', default: false },
        scenario: { type: 'string' },
        'delay-ms': { type: 'string', default: '3000' },
        'voice-caller-from': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    throw new DemoUsageError((err as Error).message);
  }
  const v = parsed.values;
  const int = (name: string, value: string, min: number, max: number) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw new DemoUsageError(`--${name} must be a whole number from ${min} to ${max}`);
    return n;
  };
  const speed = Number(v.speed);
  if (!(speed > 0 && speed <= 50)) throw new DemoUsageError('--speed must be a number above 0 and at most 50');
  return {
    port: int('port', v.port!, 0, 65535),
    portChosen: argv.some((a) => a === '--port' || a.startsWith('--port=')),
    calls: int('calls', v.calls!, 1, 20),
    speed,
    once: v.once!,
    check: v.check!,
    scenarioIds: v.scenario ? v.scenario.split(',').map((s) => s.trim()).filter(Boolean) : null,
    delayMs: int('delay-ms', v['delay-ms']!, 0, 600_000),
    voiceCallerFrom: v['voice-caller-from'] ?? null,
    help: v.help!,
  };
}
