// The node eval-calls measures: callcue started in-process on loopback with the given models and
// playbook, its records in memory (an evaluation never touches a user's database), and an audio
// queue deep enough that a busy machine delays the pipeline instead of shedding audio — the
// figures are on media time, so a slow host changes when they arrive, never what they are.

import { parseConfig } from '../config/index.js';
import { startServer, type RunningServer } from '../server.js';

export interface EvalNodeOptions {
  modelsDir: string;
  playbookPath: string;
}

/** Audio messages one call may queue: ten minutes of 20 ms messages. */
const DEEP_QUEUE = 30_000;

export async function startEvalNode(options: EvalNodeOptions): Promise<RunningServer & { wsUrl: string }> {
  const config = parseConfig({
    host: '127.0.0.1',
    port: 0,
    apiKeys: [],
    agentTokens: [],
    supervisorTokens: [],
    logLevel: 'error',
    dbUrl: 'sqlite::memory:',
    maxQueuedAudioFrames: DEEP_QUEUE,
    modelsDir: options.modelsDir,
    playbookPath: options.playbookPath,
  });
  const server = await startServer(config);
  return { ...server, wsUrl: server.url.replace(/^http/, 'ws') };
}
