// Calls per API key (maxCallsPerKey): a key at its limit is refused TOO_MANY_CALLS while other
// keys carry on, and gets its slot back when one of its calls ends.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../helpers/server.js';
import { openBridge, startMessage, type BridgeTrack } from '../helpers/bridge.js';
import type { TestSocket } from '../helpers/ws-client.js';

const KEY_A = 'key-a-0123456789abcdef';
const KEY_B = 'key-b-0123456789abcdef';
const TRACK: BridgeTrack = { track: 'caller', encoding: 'mulaw', sampleRateHz: 8000 };
let server: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  server = await startTestServer({ apiKeys: [KEY_A, KEY_B], maxCallsPerKey: 2, maxCalls: 10 }, { prosodyModel: null, textModel: null });
});
afterAll(async () => server.stop());

async function start(key: string, callId: string): Promise<{ b: TestSocket; answer: Record<string, unknown> }> {
  const b = await openBridge(server.wsUrl, { authorization: `Bearer ${key}` });
  b.send(startMessage(callId, 'agent-k', [TRACK]));
  return { b, answer: await b.next((m) => m.type === 'started' || m.type === 'error', 5000, 'an answer to start') };
}

describe('maxCallsPerKey', () => {
  it('refuses a key at its limit, not the other keys, and frees the slot when a call ends', async () => {
    const a1 = await start(KEY_A, 'k-a1');
    const a2 = await start(KEY_A, 'k-a2');
    expect([a1.answer.type, a2.answer.type]).toEqual(['started', 'started']);
    const a3 = await start(KEY_A, 'k-a3');
    expect(a3.answer).toMatchObject({ type: 'error', code: 'TOO_MANY_CALLS' });
    expect(String(a3.answer.message)).toMatch(/API key/);
    const b1 = await start(KEY_B, 'k-b1');
    expect(b1.answer.type).toBe('started');
    a1.b.send({ type: 'stop' });
    await a1.b.closed;
    const again = await start(KEY_A, 'k-a3');
    expect(again.answer.type).toBe('started');
    for (const s of [a2, a3, b1, again]) await s.b.close();
  });
});
