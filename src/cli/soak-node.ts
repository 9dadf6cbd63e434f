// Starts a callcue node as its own process (dist/src/main.js, as production runs it) with the given
// environment, finds its URL in the start-up log, and keeps the log for inspection. Used by the
// soak, and by the cluster tests through the same code path.

import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../config/paths.js';

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
  const proc = spawn(process.execPath, [...(opts.nodeArgs ?? []), MAIN_JS], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', CALLCUE_LOG_LEVEL: 'info', CALLCUE_DB_URL: 'sqlite::memory:', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    cwd: PACKAGE_ROOT,
  });
  let out = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`callcue did not start: ${out.slice(-2000)}`)), opts.startTimeoutMs ?? 20_000);
    const onData = () => {
      const m = /"url":"(http:\/\/[^"]+)"/.exec(out);
      if (m) {
        clearTimeout(timer);
        proc.stdout!.off('data', onData);
        resolve(m[1]!);
      }
    };
    proc.stdout!.on('data', onData);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`callcue exited with ${code}: ${out.slice(-2000)}`));
    });
  });
  const exited = once(proc, 'exit');
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
