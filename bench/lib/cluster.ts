// The benchmark's servers: one callcue process (the default), or `--nodes N --bus redis`: a
// throwaway redis-server and N processes sharing it, bridges on node 1 and feeds on node N, so
// every event the feeds receive has crossed the bus between nodes.

import { startRedis, type RedisProcess } from '../../src/cli/soak-redis.js';
import { spawnServer, type BenchServer } from './server.js';

export interface BenchCluster {
  /** Where the bridges connect. */
  bridgeNode: BenchServer;
  /** Where the feeds connect. */
  feedNode: BenchServer;
  nodes: BenchServer[];
  redis: RedisProcess | null;
  stop(): Promise<void>;
}

export async function startCluster(nodes: number, bus: 'local' | 'redis', env: Record<string, string>, nodeArgs: string[] = []): Promise<BenchCluster> {
  if (nodes > 1 && bus !== 'redis') throw new Error('--nodes above 1 needs --bus redis');
  const redis = bus === 'redis' ? await startRedis() : null;
  const servers: BenchServer[] = [];
  try {
    for (let i = 0; i < nodes; i++) servers.push(await spawnServer(redis ? { ...env, CALLCUE_BUS_URL: redis.url } : env, nodeArgs));
  } catch (err) {
    await Promise.all(servers.map((s) => s.stop()));
    await redis?.stop();
    throw err;
  }
  return {
    bridgeNode: servers[0]!,
    feedNode: servers.at(-1)!,
    nodes: servers,
    redis,
    async stop() {
      await Promise.all(servers.map((s) => s.stop()));
      await redis?.stop();
    },
  };
}
