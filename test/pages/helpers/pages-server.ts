// A real callcue server for the page tests (test/helpers/server.ts), checked to serve the pages:
// src/app.ts registers src/delivery/pages.ts.

import type { ConfigInput } from '../../../src/config/index.js';
import type { RunningServer } from '../../../src/server.js';
import { startTestServer } from '../../helpers/server.js';

export type PagesServer = RunningServer & { wsUrl: string };

export async function startPagesServer(overrides: ConfigInput = {}): Promise<PagesServer> {
  const server = await startTestServer(overrides);
  if (!server.app.hasRoute({ method: 'GET', url: '/supervisor' })) {
    await server.stop();
    throw new Error('src/app.ts does not register pagesPlugin (src/delivery/pages.ts): the pages are not served');
  }
  return server;
}
