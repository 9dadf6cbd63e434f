// Starts the built service as its own process, as production runs it, and finds its URL.

import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

const ROOT = join(fileURLToPath(import.meta.url), '..', '..', '..', '..');

export interface BenchServer {
  url: string;
  wsUrl: string;
  proc: ChildProcess;
  stop(): Promise<void>;
}

export async function spawnServer(env: Record<string, string> = {}, nodeArgs: string[] = []): Promise<BenchServer> {
  const proc = spawn(process.execPath, [...nodeArgs, join(ROOT, 'dist', 'src', 'main.js')], {
    env: { ...process.env, PORT: '0', CALLCUE_LOG_LEVEL: 'info', CALLCUE_MAX_CALLS: '2000', CALLCUE_MAX_CALLS_PER_KEY: '2000', // Records go to a real SQLite file, as with the embedded default.
      CALLCUE_DB_URL: `sqlite://${join(tmpdir(), `callcue-bench-${process.pid}-${Date.now()}.db`)}`,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
    cwd: ROOT,
  });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`callcue did not start: ${out}`)), 20_000);
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /"url":"(http:\/\/[^"]+)"/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    proc.once('exit', (code) => reject(new Error(`callcue exited with ${code}: ${out}`)));
  });
  proc.stdout!.resume();
  return {
    url,
    wsUrl: url.replace(/^http/, 'ws'),
    proc,
    async stop() {
      if (proc.exitCode !== null) return;
      proc.kill('SIGTERM');
      await new Promise((r) => proc.once('exit', r));
    },
  };
}
