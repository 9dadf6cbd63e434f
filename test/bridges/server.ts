// A real callcue node for bridge tests (src/server.ts, every bridge plugin registered by app.ts),
// listening on an ephemeral loopback port.

import type { FastifyInstance } from 'fastify';
import type { ConfigInput } from '../../src/config/index.js';
import type { AudiohookIngestOptions } from '../../src/ingest/audiohook.js';
import { startTestServer } from '../helpers/server.js';

export interface BridgeServer {
  app: FastifyInstance;
  url: string;
  wsUrl: string;
  stop(): Promise<void>;
}

export async function startBridgeServer(overrides: ConfigInput = {}, audiohook: AudiohookIngestOptions = {}): Promise<BridgeServer> {
  // A deep audio queue: these tests are about protocols, and a loaded CI host must not turn
  // them into tests of load shedding. The AudioHook secrets go through the config, as a
  // deployment's would.
  const server = await startTestServer(
    {
      maxQueuedAudioFrames: 5000,
      ...(audiohook.clientSecrets ? { audiohookClientSecrets: audiohook.clientSecrets } : {}),
      ...overrides,
    },
    { prosodyModel: null, textModel: null },
  );
  return { app: server.app, url: server.url, wsUrl: server.wsUrl, stop: server.stop };
}

/** The current value of a Prometheus counter, summed over series matching the labels. */
export async function counterValue(app: FastifyInstance, name: string, labels: Record<string, string> = {}): Promise<number> {
  const metric = await app.callcue.metrics.registry.getSingleMetric(name)?.get();
  if (!metric) return 0;
  return metric.values
    .filter((v) => Object.entries(labels).every(([k, want]) => String((v.labels as Record<string, unknown>)[k]) === want))
    .reduce((a, v) => a + v.value, 0);
}
