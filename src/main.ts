// Boot: load config → load models → build app → listen; drain on SIGTERM/SIGINT.

import { loadConfig } from './config/load.js';
import { CallcueError } from './errors.js';
import { applyHeapSettings } from './heap-settings.js';
import { startServer } from './server.js';

async function main(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  let config;
  try {
    config = loadConfig(env);
  } catch (err) {
    process.stderr.write(`callcue: ${(err as Error).message}\n`);
    process.exit(2);
  }
  applyHeapSettings(config);
  let server;
  try {
    server = await startServer(config);
  } catch (err) {
    process.stderr.write(`callcue: ${err instanceof CallcueError ? err.message : (err as Error).stack}\n`);
    process.exit(2);
  }
  const shutdown = (signal: string) => {
    server.app.callcue.logger.info({ signal }, 'draining calls before exit');
    void server.stop().then(() => process.exit(0));
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGHUP', () => {
    server.app.callcue.playbook.reload();
    void server.app.callcue.plugged?.reload();
  });
  process.once('SIGINT', () => shutdown('SIGINT'));
}

void main();
