// Starts a callcue node as its own process (dist/src/main.js, as production runs it) with the given
// environment on a free loopback port, waits until /readyz answers, and keeps its log for inspection. Used by the
// soak, and by the cluster tests through the same code path.

import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../config/paths.js';
import { MAIN_NODE_FLAGS } from '../heap-settings.js';
import { freePort } from './soak-redis.js';

export interface NodeProcess {
  url: string;
  wsUrl: string;
  proc: ChildProcess;
  /** Everything the node wrote to stdout and stderr so far. */
  log(): string;
  /** SIGTERM (drain) and wait for exit; resolves to the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL: the node vanishes mid-call. */
  kill(): Promise<void>;
}

export const MAIN_JS = join(PACKAGE_ROOT, 'dist', 'src', 'main.js');

export async function spawnNode(env: Record<string, string>, opts: { startTimeoutMs?: number; nodeArgs?: string[] } = {}): Promise<NodeProcess> {
  // A port chosen here rather than PORT=0: the node is found by polling /readyz, whatever its log level.
  const port = env.PORT ?? String(await freePort());
  const proc = spawn(process.execPath, [...MAIN_NODE_FLAGS, ...(opts.nodeArgs ?? []), MAIN_JS], {
    env: { ...process.env, HOST: '127.0.0.1', CALLCUE_LOG_LEVEL: 'info', CALLCUE_DB_URL: 'sqlite::memory:', ...env, PORT: port },
    stdio: ['ignore', 'pipe', 'pipe'],
    cwd: PACKAGE_ROOT,
  });
  let out = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = once(proc, 'exit');
  const url = `http://127.0.0.1:${port}`;
  // A node loads its models and starts its pipeline workers: seconds on a quiet machine, much
  // longer when the cores are busy with other work.
  const deadline = Date.now() + (opts.startTimeoutMs ?? 90_000);
  for (;;) {
    if (proc.exitCode !== null || proc.signalCode !== null) throw new Error(`callcue exited with ${proc.exitCode ?? proc.signalCode}: ${out.slice(-2000)}`);
    const ready = await fetch(`${url}/readyz`).then((r) => r.ok, () => false);
    if (ready) break;
    if (Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error(`callcue did not start: ${out.slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    wsUrl: url.replace(/^http/, 'ws'),
    proc,
    log: () => out,
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      await exited;
      return proc.exitCode;
    },
    async kill() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
      await exited;
    },
  };
}
