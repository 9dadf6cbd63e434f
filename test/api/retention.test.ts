// Retention: a server started on a database holding records older than CALLCUE_RETENTION_DAYS
// purges them (and keeps the rest); the purge then repeats hourly (the recorder's own timer).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalBus } from '../../src/delivery/bus.js';
import { createLogger } from '../../src/observability/logger.js';
import { CallRecorder, openCallStore } from '../../src/storage/index.js';
import { CallScript } from '../storage/events.js';
import { describePg } from '../storage/pg.js';
import { api, startRecordsServer } from './records-server.js';

const DAY_MS = 86_400_000;

/** Records two ended calls, 45 and 10 days old, the way a server of the past would have. */
async function seed(dbUrl: string, tag: string): Promise<{ old: string; recent: string }> {
  const store = await openCallStore(dbUrl);
  const bus = new LocalBus();
  const recorder = new CallRecorder({ store, bus, logger: createLogger('silent'), retentionDays: 3650 });
  await recorder.start();
  const old = new CallScript(bus, `ret-old-${tag}`, 'ag-r', Date.now() - 45 * DAY_MS).start();
  old.prompt('p1', 'empathy.onset.anger');
  old.ack('p1', 'used');
  old.end();
  const recent = new CallScript(bus, `ret-recent-${tag}`, 'ag-r', Date.now() - 10 * DAY_MS).start();
  recent.end();
  await recorder.close();
  await store.close();
  return { old: old.callId, recent: recent.callId };
}

function retentionSuite(name: string, dbUrl: () => string) {
  describe(`retention on ${name}`, () => {
    it('purges records past CALLCUE_RETENTION_DAYS when the server starts, and keeps the rest', async () => {
      const { old, recent } = await seed(dbUrl(), name);
      const server = await startRecordsServer(dbUrl(), {}, 30);
      try {
        expect((await api(server.url, `/v1/calls/${old}`)).status).toBe(404);
        expect((await api(server.url, `/v1/calls/${recent}`)).status).toBe(200);
        expect((await api(server.url, '/v1/agents/ag-r/stats')).json).toMatchObject({ calls: 1, totals: { shown: 0 } });
      } finally {
        await server.stop();
      }
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'callcue-retention-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
retentionSuite('SQLite', () => `sqlite://${join(dir, 'retention.db')}`);
describePg('retention (PostgreSQL)', (url) => retentionSuite('PostgreSQL', url));
