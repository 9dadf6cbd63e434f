// Who may read call records: supervisors only, each within its team. With tokens configured an
// agent's token is refused (403), a missing or wrong token too (401), and another team's call
// reads as not found — for the list, the record, the export, deletion and the statistics.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallSummary } from '../../src/storage/index.js';
import { api, playCall, startRecordsServer, type RecordsServer } from './records-server.js';

const KEY = 'bridge-key-0123456789';
const T = {
  agent1: 'agent-one-token-0123456789',
  agent2: 'agent-two-token-0123456789',
  teamA: 'supervisor-team-a-0123456789',
  all: 'supervisor-all-0123456789abc',
};
let server: RecordsServer;

beforeAll(async () => {
  server = await startRecordsServer('sqlite::memory:', {
    apiKeys: [KEY],
    agentTokens: [
      { agentId: 'ag-1', token: T.agent1 },
      { agentId: 'ag-2', token: T.agent2 },
    ],
    supervisorTokens: [
      { supervisorId: 'sup-a', token: T.teamA, agentIds: ['ag-1'] },
      { supervisorId: 'sup-all', token: T.all },
    ],
  });
  for (const [callId, agentId, token] of [['acc-1', 'ag-1', T.agent1], ['acc-2', 'ag-2', T.agent2]] as const) {
    await playCall(server.wsUrl, callId, [['caller', 'Hello, I have a question about my statement.']], {
      agentId,
      bridgeHeaders: { authorization: `Bearer ${KEY}` },
      feedQuery: `&token=${token}`,
    });
  }
});
afterAll(async () => server?.stop());

const ids = (json: unknown) => ((json as { calls: CallSummary[] }).calls ?? (json as CallSummary[])).map((c) => c.callId).sort();

describe('records API access', () => {
  it('refuses requests without a valid token (401) and agents (403)', async () => {
    for (const path of ['/v1/calls', '/v1/calls.csv', '/v1/calls/acc-1', '/v1/agents/ag-1/stats']) {
      expect((await api(server.url, path)).status, path).toBe(401);
      expect((await api(server.url, path, { token: 'not-a-token-0123456789' })).status, path).toBe(401);
      const agent = await api(server.url, path, { token: T.agent1 });
      expect(agent.status, path).toBe(403);
      expect(agent.json.code).toBe('FORBIDDEN');
    }
    expect((await api(server.url, '/v1/calls/acc-1', { method: 'DELETE', token: T.agent1 })).status).toBe(403);
    expect((await api(server.url, '/v1/calls/acc-1', { method: 'DELETE' })).status).toBe(401);
  });

  it('shows a supervisor its team’s calls only', async () => {
    expect(ids((await api(server.url, '/v1/calls', { token: T.teamA })).json)).toEqual(['acc-1']);
    expect(ids((await api(server.url, '/v1/calls', { token: T.all })).json)).toEqual(['acc-1', 'acc-2']);
    expect((await api(server.url, '/v1/calls?agentId=ag-2', { token: T.teamA })).status).toBe(403);
    expect((await api(server.url, '/v1/calls/acc-1', { token: T.teamA })).status).toBe(200);
    expect((await api(server.url, '/v1/calls/acc-2', { token: T.teamA })).status).toBe(404);
    expect(ids((await api(server.url, '/v1/calls.json', { token: T.teamA })).json)).toEqual(['acc-1']);
    // A browser downloading an export may pass the token in the query.
    const csv = await api(server.url, `/v1/calls.csv?token=${T.teamA}`);
    expect(csv.status).toBe(200);
    expect(csv.text).toContain('acc-1,ag-1');
    expect(csv.text).not.toContain('acc-2');
    expect((await api(server.url, '/v1/agents/ag-2/stats', { token: T.teamA })).status).toBe(403);
    expect((await api(server.url, '/v1/agents/ag-1/stats', { token: T.teamA })).json).toMatchObject({ agentId: 'ag-1', calls: 1 });
  });

  it('lets a supervisor delete its team’s calls only', async () => {
    expect((await api(server.url, '/v1/calls/acc-2', { method: 'DELETE', token: T.teamA })).status).toBe(404);
    expect((await api(server.url, '/v1/calls/acc-2', { token: T.all })).status).toBe(200);
    expect((await api(server.url, '/v1/calls/acc-1', { method: 'DELETE', token: T.teamA })).status).toBe(204);
    expect((await api(server.url, '/v1/calls/acc-1', { token: T.all })).status).toBe(404);
  });
});
