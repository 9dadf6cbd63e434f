// Starting and stopping a node: the security rule for unauthenticated use, model loading, listen,
// and the graceful drain. Shared by `npm start`, `callcue serve`, the demo and the tests.

import type { FastifyInstance } from 'fastify';
import type { Config } from './config/schema.js';
import { packagePath } from './config/paths.js';
import { CallcueError, ErrorCodes } from './errors.js';
import { isLoopback, isOpen } from './auth/credentials.js';
import { buildApp, type AppDeps } from './app.js';
import { createLogger } from './observability/logger.js';
import { modelFilesPresent } from './pipeline/runner-factory.js';
import { PluggedModelStore } from './models/index.js';
import { checkModels, openPlaybook } from './startup-checks.js';

export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || isLoopback(host);
}

/** Refuses configurations that would expose an unauthenticated service. */
export function checkExposure(config: Config): void {
  if (isLoopbackHost(config.host)) return;
  const missing = [
    config.apiKeys.length === 0 ? 'CALLCUE_API_KEYS' : null,
    config.agentTokens.length + config.supervisorTokens.length === 0 ? 'CALLCUE_AGENT_TOKENS or CALLCUE_SUPERVISOR_TOKENS' : null,
  ].filter(Boolean);
  if (missing.length > 0) {
    throw new CallcueError(
      ErrorCodes.CONFIG_INVALID,
      `invalid configuration: HOST ${config.host} is not loopback, so credentials are required: set ${missing.join(' and ')}`,
    );
  }
}

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  port: number;
  /** Drains calls (up to the configured timeout) and closes. */
  stop(): Promise<void>;
}

export async function startServer(config: Config, deps: Partial<AppDeps> = {}): Promise<RunningServer> {
  checkExposure(config);
  const logger = deps.logger ?? createLogger(config.logLevel);
  const playbook = deps.playbook ?? openPlaybook(packagePath(config.playbookPath));
  const modelsDir = packagePath(config.modelsDir);
  // Models load where the pipelines run (src/pipeline/runner-factory.ts): here, only whether they are there.
  const present = modelFilesPresent(modelsDir);
  const plugged = config.textModel || config.voiceModel ? await PluggedModelStore.open({ text: config.textModel, voice: config.voiceModel }) : null;
  // Models a caller passes in (tests, tools) are its own decision; only what was looked for on disk
  // (or plugged in: CALLCUE_TEXT_MODEL, CALLCUE_VOICE_MODEL) is checked.
  if (deps.prosodyModel === undefined || deps.textModel === undefined) {
    checkModels(config, modelsDir, { prosody: deps.prosodyModel !== undefined || present.prosody || config.voiceModel !== '', text: deps.textModel !== undefined || present.text || config.textModel !== '' }, logger);
  }
  playbook.watch();
  plugged?.watch();
  plugged?.onReload((r) =>
    r.ok ? logger.info({ kind: r.kind, dir: r.dir, version: r.version }, 'plugged model reloaded') : logger.error({ kind: r.kind, err: r.error }, 'plugged model not reloaded: keeping the one in force'),
  );
  const app = await buildApp(config, { ...deps, logger, playbook, plugged });
  app.addHook('onClose', async () => {
    playbook.close();
    await plugged?.close();
  });
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  if (isOpen(config)) {
    logger.warn({ host: config.host }, 'no API keys or tokens configured: accepting unauthenticated connections on loopback only');
  }
  logger.info(
    { url, prosodyModel: app.callcue.models.prosody, textModel: app.callcue.models.text, plugged: plugged?.refs.map((r) => r.version) ?? [], playbook: playbook.current.version, maxCalls: config.maxCalls, latencyBudgetMs: config.latencyBudgetMs },
    'callcue listening',
  );
  let stopping: Promise<void> | null = null;
  return {
    app,
    url,
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
