// A real callcue node for bridge tests: the app as src/server.ts builds it, plus the bridge
// plugins (registered here until src/app.ts registers them itself), listening on an ephemeral
// loopback port.

import type { FastifyInstance } from 'fastify';
import { parseConfig, type ConfigInput } from '../../src/config/index.js';
import { buildApp } from '../../src/app.js';
import { createLogger } from '../../src/observability/logger.js';
import { twilioIngest } from '../../src/ingest/twilio.js';
import { audiohookIngest, type AudiohookIngestOptions } from '../../src/ingest/audiohook.js';
import { forkIngest } from '../../src/ingest/fork.js';

export interface BridgeServer {
  app: FastifyInstance;
  url: string;
  wsUrl: string;
  stop(): Promise<void>;
}

export async function startBridgeServer(overrides: ConfigInput = {}, audiohook: AudiohookIngestOptions = {}): Promise<BridgeServer> {
  // A deep audio queue: these tests are about protocols, and a loaded CI host must not turn
  // them into tests of load shedding.
  const config = parseConfig({ port: 0, host: '127.0.0.1', logLevel: 'silent', drainTimeoutMs: 2000, maxQueuedAudioFrames: 5000, ...overrides });
  const app = await buildApp(config, { prosodyModel: null, logger: createLogger('silent') });
  if (!app.hasRoute({ method: 'GET', url: '/v1/twilio' })) await app.register(twilioIngest);
  if (!app.hasRoute({ method: 'GET', url: '/v1/audiohook' })) await app.register(audiohookIngest, audiohook);
  if (!app.hasRoute({ method: 'GET', url: '/v1/fork' })) await app.register(forkIngest);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}`;
  return {
    app,
    url,
    wsUrl: url.replace(/^http/, 'ws'),
    async stop() {
      await app.callcue.calls.drain(2000);
      await app.close();
    },
  };
}

/** The current value of a Prometheus counter, summed over series matching the labels. */
export async function counterValue(app: FastifyInstance, name: string, labels: Record<string, string> = {}): Promise<number> {
  const metric = await app.callcue.metrics.registry.getSingleMetric(name)?.get();
  if (!metric) return 0;
  return metric.values
    .filter((v) => Object.entries(labels).every(([k, want]) => String((v.labels as Record<string, unknown>)[k]) === want))
    .reduce((a, v) => a + v.value, 0);
}
