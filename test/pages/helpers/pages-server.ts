// A real callcue server for the page tests, with the pages plugin registered — by src/app.ts once
// the lead wires it, by this helper until then. The steps are src/server.ts startServer's (models,
// playbook, language rules, buildApp, listen), with the one addition before listen.

import type { FastifyInstance } from 'fastify';
import { parseConfig, type ConfigInput } from '../../../src/config/index.js';
import { packagePath } from '../../../src/config/paths.js';
import { buildApp } from '../../../src/app.js';
import { pagesPlugin } from '../../../src/delivery/pages.js';
import { loadProsodyModel } from '../../../src/classifiers/prosody.js';
import { loadTextEmotion } from '../../../src/text/emotion/index.js';
import { PlaybookStore } from '../../../src/policy/store.js';
import { createLogger } from '../../../src/observability/logger.js';
import { warmAgentLanguageRules } from '../../../src/text/language/index.js';

export interface PagesServer {
  app: FastifyInstance;
  url: string;
  wsUrl: string;
  port: number;
  stop(): Promise<void>;
}

export async function startPagesServer(overrides: ConfigInput = {}): Promise<PagesServer> {
  // A deep audio queue: tests stream faster than real time on a loaded machine (as test/helpers/server.ts).
  const config = parseConfig({ port: 0, host: '127.0.0.1', logLevel: 'silent', drainTimeoutMs: 2000, maxQueuedAudioFrames: 5000, ...overrides });
  const modelsDir = packagePath(config.modelsDir);
  const prosodyModel = await loadProsodyModel(modelsDir);
  const textModel = await loadTextEmotion(modelsDir);
  const playbook = new PlaybookStore(packagePath(config.playbookPath));
  warmAgentLanguageRules();
  const app = await buildApp(config, { prosodyModel, textModel, playbook, logger: createLogger(config.logLevel) });
  if (!app.hasRoute({ method: 'GET', url: '/supervisor' })) await app.register(pagesPlugin);
  await app.listen({ port: 0, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}`;
  let stopping: Promise<void> | null = null;
  return {
    app,
    url,
    wsUrl: url.replace(/^http/, 'ws'),
    port,
    stop() {
      stopping ??= (async () => {
        await app.callcue.calls.drain(config.drainTimeoutMs);
        await app.close();
      })();
      return stopping;
    },
  };
}
