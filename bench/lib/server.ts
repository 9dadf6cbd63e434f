// The bench's callcue process: the built service as production runs it (src/cli/soak-node.ts, which
// the soak and the cluster tests use too), with a call limit above any bench load and call records
// in a real SQLite file, as with the embedded default.

import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { spawnNode } from '../../src/cli/soak-node.js';

export interface BenchServer {
  url: string;
  wsUrl: string;
  proc: ChildProcess;
  stop(): Promise<void>;
}

export async function spawnServer(env: Record<string, string> = {}, nodeArgs: string[] = []): Promise<BenchServer> {
  const node = await spawnNode(
    {
      CALLCUE_MAX_CALLS: '2000',
      CALLCUE_MAX_CALLS_PER_KEY: '2000',
      CALLCUE_DB_URL: `sqlite://${join(tmpdir(), `callcue-bench-${process.pid}-${Date.now()}.db`)}`,
      ...env,
    },
    // A busy machine can take a while to start a node (models, workers); the figures start after it.
    { nodeArgs, startTimeoutMs: 120_000 },
  );
  return {
    url: node.url,
    wsUrl: node.wsUrl,
    proc: node.proc,
    async stop() {
      await node.stop();
    },
  };
}
