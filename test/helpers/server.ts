// Starts a real callcue server on an ephemeral loopback port for a test, with the given settings.

import { parseConfig, type ConfigInput } from '../../src/config/index.js';
import { startServer, type RunningServer } from '../../src/server.js';
import type { AppDeps } from '../../src/app.js';

export async function startTestServer(overrides: ConfigInput = {}, deps: Partial<AppDeps> = {}): Promise<RunningServer & { wsUrl: string }> {
  // A deep audio queue: tests stream faster than real time on a loaded machine and are not about
  // load shedding (the shedding tests set their own bound). One pipeline worker: the tests need the
  // worker path, not throughput, and a worker per core would double every test server's start-up.
  const config = parseConfig({ pipelineWorkers: 1, port: 0, host: '127.0.0.1', logLevel: 'silent', drainTimeoutMs: 2000, maxQueuedAudioFrames: 5000, dbUrl: 'sqlite::memory:', ...overrides });
  const server = await startServer(config, deps);
  return { ...server, wsUrl: server.url.replace(/^http/, 'ws') };
}
