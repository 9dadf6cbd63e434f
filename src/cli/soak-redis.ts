// A throwaway redis-server for the soak, the multi-node benchmark and the cluster tests: Debian's
// redis-server on a free loopback port, with persistence off (--save '' --appendonly no), so a
// restart comes back empty, as a crashed cache would. It can be killed and restarted on the same
// port to test a bus that survives Redis going away.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { createServer, connect } from 'node:net';

export interface RedisProcess {
  port: number;
  url: string;
  proc: ChildProcess;
  /** Stops it (SIGKILL: Redis vanishes as in a crash). */
  kill(): Promise<void>;
  /** Starts it again on the same port, empty. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** The redis-server binary, or null when it is not installed. */
export function redisServerPath(): string | null {
  for (const p of ['/usr/bin/redis-server', '/usr/local/bin/redis-server']) if (existsSync(p)) return p;
  const which = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  const found = which.stdout.trim();
  return which.status === 0 && found ? found : null;
}

export async function freePort(): Promise<number> {
  const srv = createServer();
  srv.listen(0, '127.0.0.1');
  await once(srv, 'listening');
  const port = (srv.address() as { port: number }).port;
  srv.close();
  await once(srv, 'close');
  return port;
}

async function answersPing(port: number, password?: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    let got = '';
    s.setTimeout(500);
    s.once('connect', () => s.write(password ? `AUTH ${password}\r\nPING\r\n` : 'PING\r\n'));
    s.on('data', (d) => {
      got += d.toString();
      if (got.includes('+PONG') || got.startsWith('-')) {
        resolve(got.includes('+PONG'));
        s.destroy();
      }
    });
    s.once('error', () => resolve(false));
    s.once('timeout', () => {
      resolve(false);
      s.destroy();
    });
  });
}

function launch(bin: string, port: number, password?: string): ChildProcess {
  const auth = password ? ['--requirepass', password] : [];
  return spawn(bin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--loglevel', 'warning', ...auth], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function waitReady(proc: ChildProcess, port: number, password?: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`redis-server exited with ${proc.exitCode}`);
    if (await answersPing(port, password)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`redis-server did not answer on port ${port} within 10 s`);
}

/** `password`: the server requires it (redis://:password@host:port). */
export async function startRedis(opts: { password?: string } = {}): Promise<RedisProcess> {
  const bin = redisServerPath();
  if (!bin) throw new Error('redis-server is not installed (Debian: apt-get install redis-server; or bash scripts/debian-deps.sh)');
  const port = await freePort();
  const { password } = opts;
  let proc = launch(bin, port, password);
  await waitReady(proc, port, password);
  const kill = async () => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = once(proc, 'exit');
    proc.kill('SIGKILL');
    await exited;
  };
  const handle: RedisProcess = {
    port,
    url: password ? `redis://:${encodeURIComponent(password)}@127.0.0.1:${port}` : `redis://127.0.0.1:${port}`,
    proc,
    kill,
    async restart() {
      await kill();
      proc = launch(bin, port, password);
      handle.proc = proc;
      await waitReady(proc, port, password);
    },
    stop: kill,
  };
  return handle;
}
