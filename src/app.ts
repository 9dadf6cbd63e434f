// buildApp(config, deps): the Fastify application with its plugins, testable in-process.
// Shared services (calls, bus, metrics, models) are decorated once at the root; each route is an
// encapsulated plugin.

import Fastify, { LogController, type FastifyInstance } from 'fastify';
import websocket from '@fastify/websocket';
import type { Config } from './config/schema.js';
import { CallManager } from './pipeline/calls.js';
import { createRunner } from './pipeline/runner-factory.js';
import type { ModelVersions } from './pipeline/worker-protocol.js';
import type { Bus } from './delivery/bus.js';
import { openBus, ownCallsView } from './delivery/bus-open.js';
import { feedDelivery } from './delivery/feed.js';
import { nativeIngest } from './ingest/native.js';
import { transportMaxPayload } from './ingest/socket.js';
import { rateLimits } from './ingest/limits.js';
import { Metrics } from './observability/metrics.js';
import { createLogger, type Logger } from './observability/logger.js';
import { opsRoutes } from './observability/routes.js';
import { socketClock } from './observability/socket-clock.js';
import type { ProsodyModel } from './classifiers/prosody.js';
import type { TextEmotionModel } from './text/emotion/index.js';
import type { PlaybookStore } from './policy/store.js';
import type { PluggedModelStore } from './models/index.js';
import { twilioIngest } from './ingest/twilio.js';
import { audiohookIngest } from './ingest/audiohook.js';
import { forkIngest } from './ingest/fork.js';
import { transcriptsIngest } from './ingest/transcripts.js';
import { twilioTranscriptionsIngest } from './ingest/twilio-transcriptions.js';
import { RedisWordsLink, WordsRouter, type WordsLink } from './words/index.js';
import { ackHandling } from './delivery/acks.js';
import { playbookRoutes } from './policy/routes.js';
import { pagesPlugin } from './delivery/pages.js';
import { CallRecorder, openCallStore, type CallStore } from './storage/index.js';
import { callsApi } from './api/index.js';

export interface AppDeps {
  /** A model to use, or null to run without it; absent: loaded from config.modelsDir where the pipelines run. */
  prosodyModel?: ProsodyModel | null;
  textModel?: TextEmotionModel | null;
  playbook: PlaybookStore;
  /** Plugged model directories (CALLCUE_TEXT_MODEL, CALLCUE_VOICE_MODEL), validated; null: none. */
  plugged?: PluggedModelStore | null;
  store?: CallStore;
  bus?: Bus;
  logger?: Logger;
}

export interface Callcue {
  config: Config;
  calls: CallManager;
  /** Words that arrive apart from a call's audio (side channel, Twilio callbacks) find their call here. */
  words: WordsRouter;
  bus: Bus;
  metrics: Metrics;
  logger: Logger;
  /** The versions of the models the pipelines use (null: running without that model). */
  models: ModelVersions;
  playbook: PlaybookStore;
  plugged: PluggedModelStore | null;
  store: CallStore;
  recorder: CallRecorder;
}

declare module 'fastify' {
  interface FastifyInstance {
    callcue: Callcue;
  }
}

export async function buildApp(config: Config, deps: AppDeps): Promise<FastifyInstance> {
  const logger = deps.logger ?? createLogger(config.logLevel);
  // Per-request lines are off: query strings carry tokens, and a call's life is logged by the call.
  const app = Fastify({
    loggerInstance: logger,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1 << 20,
  });
  const metrics = new Metrics();
  const bus = deps.bus ?? (await openBus(config, { logger, metrics }));
  const store = deps.store ?? (await openCallStore(config.dbUrl, { onError: (err) => logger.error({ err: err.message }, 'call records database error') }));
  // Every node sees every call on the bus; only the node running a call records it.
  const recorder = new CallRecorder({ store, bus: ownCallsView(bus), logger, retentionDays: config.retentionDays });
  await recorder.start();
  const playbook = deps.playbook;
  const runner = await createRunner(config, { metrics, logger, playbook, prosodyModel: deps.prosodyModel, textModel: deps.textModel, plugged: deps.plugged ?? null });
  const calls = new CallManager({ bus, metrics, logger, runner }, config);
  const words = new WordsRouter(calls, metrics, { holdMs: config.wordsHoldMs, holdMax: config.wordsHoldMax, afterStopMs: config.wordsAfterStopMs });
  // Across nodes, words that reach a node not running their call are sent to the one that does.
  const wordsLink: WordsLink | null = config.busUrl ? await RedisWordsLink.connect({ url: config.busUrl, logger }) : null;
  if (wordsLink) await words.connect(wordsLink);
  app.decorate('callcue', {
    config,
    calls,
    words,
    bus,
    metrics,
    logger,
    models: runner.models,
    playbook,
    plugged: deps.plugged ?? null,
    store,
    recorder,
  });

  await app.register(websocket, { options: { maxPayload: transportMaxPayload(config.maxMessageBytes) } });
  await app.register(rateLimits);
  await app.register(socketClock);
  await app.register(opsRoutes);
  await app.register(nativeIngest);
  await app.register(twilioIngest);
  await app.register(audiohookIngest, { clientSecrets: config.audiohookClientSecrets });
  await app.register(forkIngest);
  await app.register(transcriptsIngest);
  await app.register(twilioTranscriptionsIngest);
  await app.register(feedDelivery);
  await app.register(pagesPlugin);
  await app.register(ackHandling);
  await app.register(playbookRoutes);
  await app.register(callsApi, { recorder });

  app.addHook('onClose', async () => {
    words.close();
    await calls.drain(0); // publishes call.ended for live calls …
    await runner.close();
    await recorder.close(); // … which the recorder writes before it stops
    await wordsLink?.close();
    await bus.close();
    if (!deps.store) await store.close();
  });
  return app as unknown as FastifyInstance;
}
