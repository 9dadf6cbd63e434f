// Where the cluster tests get their Redis: a redis-server of their own on a free loopback port,
// started per file. In CI a missing redis-server FAILS the suite (scripts/debian-deps.sh installs
// it); locally the suite is skipped with a message saying how to get it.

import { afterAll, beforeAll, describe, it } from 'vitest';
import { redisServerPath, startRedis, type RedisProcess } from '../../src/cli/soak-redis.js';

const HOW = 'install Debian\'s redis-server (bash scripts/debian-deps.sh)';

/** describe() for a suite that needs Redis: `redis()` is the running server. */
export function describeRedis(name: string, body: (redis: () => RedisProcess) => void): void {
  if (!redisServerPath()) {
    if (process.env.CI === 'true') {
      describe(name, () => {
        it('has a redis-server to test against', () => {
          throw new Error(`redis-server not found: ${HOW}`);
        });
      });
      return;
    }
    process.stderr.write(`[callcue] skipping "${name}": no redis-server (${HOW})\n`);
    describe.skip(`${name} (skipped: no redis-server)`, () => body(() => null as never));
    return;
  }
  describe(name, () => {
    let server: RedisProcess | null = null;
    beforeAll(async () => {
      server = await startRedis();
    });
    afterAll(async () => server?.stop());
    body(() => {
      if (!server) throw new Error('redis-server is not running');
      return server;
    });
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `check` returns a value (not undefined/false), or fails naming `what`. */
export async function until<T>(check: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(25);
  }
}
