// The same store contract on PostgreSQL — a real server (scripts/pg-test.sh). In CI the suite
// fails when CALLCUE_TEST_PG_URL is missing; locally it starts a throwaway cluster or skips.

import pg from 'pg';
import { expect, it } from 'vitest';
import { MIGRATIONS, openCallStore, PostgresCallStore } from '../../src/storage/index.js';
import { storeContract } from './store-contract.js';
import { describePg, dumpPg } from './pg.js';

describePg('PostgreSQL store', (url) => {
  storeContract('PostgreSQL', () => ({
    open: () => openCallStore(url()),
    dump: () => dumpPg(url()),
    exec: async (sql) => {
      const c = new pg.Client({ connectionString: url() });
      await c.connect();
      await c.query(sql).finally(() => c.end());
    },
  }));

  it('applies each migration once when nodes start together', async () => {
    const stores = await Promise.all([1, 2, 3].map(() => openCallStore(url())));
    for (const s of stores) expect(s).toBeInstanceOf(PostgresCallStore);
    const c = new pg.Client({ connectionString: url() });
    await c.connect();
    const r = await c.query('SELECT version FROM schema_migrations ORDER BY version');
    await c.end();
    expect(r.rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version })));
    await Promise.all(stores.map((s) => s.close()));
  });
});
