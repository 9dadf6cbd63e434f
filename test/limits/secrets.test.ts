// Secrets never reach the log: a node started as production runs it (its own process, log level
// trace), with API keys, agent and supervisor tokens and a password in its bus URL, is connected
// to with right and wrong credentials in query strings, headers and in-band fields on every
// endpoint; then its whole log output is searched for each secret. The pages it serves carry a
// strict Content-Security-Policy that no Host header can bend.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnNode, type NodeProcess } from '../../src/cli/soak-node.js';
import { startRedis, type RedisProcess } from '../../src/cli/soak-redis.js';
import { TestSocket } from '../helpers/ws-client.js';
import { openBridge, startMessage, streamAudio, type BridgeTrack } from '../helpers/bridge.js';
import { speechLike } from '../helpers/audio.js';
import { describeRedis } from '../cluster/redis.js';

const SECRETS = {
  key1: 'bridgekey-S3CRET-0001-abcdef',
  key2: 'bridgekey-S3CRET-0002-abcdef',
  agent: 'agenttok-S3CRET-0003-abcdef',
  supervisor: 'suptok-S3CRET-0004-abcdef',
  wrongKey: 'wrongkey-S3CRET-0005-abcdef',
  wrongToken: 'wrongtok-S3CRET-0006-abcdef',
  redisPassword: 'redispw-S3CRET-0007-abcdef',
};
const TRACK: BridgeTrack = { track: 'caller', encoding: 'mulaw', sampleRateHz: 8000 };

const refused = (p: Promise<unknown>) => p.then(() => 'opened', (e: { statusCode?: number }) => e.statusCode ?? 'failed');

/** Everything a client might do with credentials, right and wrong, on every endpoint. */
async function exercise(node: NodeProcess): Promise<void> {
  const ws = node.wsUrl;
  const feed = await TestSocket.open(`${ws}/v1/feed?agentId=ag1&token=${SECRETS.agent}`);
  await feed.nextType('hello');
  const sup = await TestSocket.open(`${ws}/v1/feed`, { authorization: `Bearer ${SECRETS.supervisor}` });
  await sup.nextType('hello');
  expect(await refused(TestSocket.open(`${ws}/v1/feed?agentId=ag1&token=${SECRETS.wrongToken}`))).toBe(401);

  const bridges = [
    await openBridge(`${ws}`, {}).catch(() => null), // no key: refused below
    await TestSocket.open(`${ws}/v1/stream?key=${SECRETS.key1}`),
    await openBridge(ws, { authorization: `Bearer ${SECRETS.key2}` }),
    await openBridge(ws, { 'x-api-key': SECRETS.key1 }),
  ];
  expect(bridges[0]).toBeNull();
  const live = bridges.slice(1) as TestSocket[];
  for (const [i, b] of live.entries()) {
    b.send(startMessage(`sec-${i}`, 'ag1', [TRACK]));
    await b.nextType('started');
    await streamAudio(b, 0, speechLike(800, { pitchHz: 150, rateSylPerS: 4, amplitude: 0.4 }), TRACK, 20, 20);
    b.send({ type: 'transcript', track: 'caller', text: 'This is the third time I am calling, I want to file a complaint!', isFinal: true, startMs: 0, endMs: 800 });
    b.send('{"type":"start",'); // an error the node answers (and may log)
  }
  expect(await refused(TestSocket.open(`${ws}/v1/stream?key=${SECRETS.wrongKey}`))).toBe(401);
  expect(await refused(openBridge(ws, { authorization: `Bearer ${SECRETS.wrongKey}` }))).toBe(401);
  await feed.next((m) => m.type === 'transcript');

  // In-band keys: Twilio's customParameters and a fork's metadata, wrong ones.
  const twilio = await TestSocket.open(`${ws}/v1/twilio`);
  twilio.send({ event: 'connected', protocol: 'Call', version: '1.0.0' });
  twilio.send({
    event: 'start',
    sequenceNumber: '1',
    streamSid: 'MZ1',
    start: { streamSid: 'MZ1', accountSid: 'AC1', callSid: 'CA1', tracks: ['inbound'], customParameters: { key: SECRETS.wrongKey, agentId: 'ag1' }, mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 } },
  });
  await twilio.closed;
  const fork = await TestSocket.open(`${ws}/v1/fork`);
  fork.send({ sampleRate: 8000, key: SECRETS.wrongKey, agentId: 'ag1' });
  await fork.closed;
  const audiohook = await fetch(`${node.url}/v1/audiohook?key=${SECRETS.wrongKey}`, { headers: { 'x-api-key': SECRETS.wrongKey } });
  expect(audiohook.status).toBeGreaterThanOrEqual(400);

  // HTTP: the records API and the pages, with tokens in the query and in headers.
  expect((await fetch(`${node.url}/v1/calls?token=${SECRETS.supervisor}`)).status).toBe(200);
  expect((await fetch(`${node.url}/v1/calls`, { headers: { authorization: `Bearer ${SECRETS.wrongToken}` } })).status).toBe(401);
  expect((await fetch(`${node.url}/?token=${SECRETS.agent}`)).status).toBe(200);
  expect((await fetch(`${node.url}/supervisor?token=${SECRETS.supervisor}`)).status).toBe(200);

  for (const b of live) {
    b.send({ type: 'stop' });
    await b.closed;
  }
  await Promise.all([feed.close(), sup.close()]);
}

function expectNoSecrets(log: string, secrets: string[]): void {
  // The log was captured, from start to exit.
  expect(log).toMatch(/callcue listening/);
  expect(log).toMatch(/draining calls before exit/);
  for (const s of secrets) {
    expect(log.includes(s), `log contains ${s.slice(0, 9)}…`).toBe(false);
    // Not even URL-encoded or cut short.
    expect(log.includes(encodeURIComponent(s))).toBe(false);
    expect(log.includes(s.slice(0, 18))).toBe(false);
  }
}

const ENV = {
  CALLCUE_LOG_LEVEL: 'trace',
  CALLCUE_API_KEYS: `${SECRETS.key1},${SECRETS.key2}`,
  CALLCUE_AGENT_TOKENS: `ag1:${SECRETS.agent}`,
  CALLCUE_SUPERVISOR_TOKENS: `sup1:${SECRETS.supervisor}:`,
};

describe('a node in production shape', () => {
  let node: NodeProcess;
  beforeAll(async () => {
    node = await spawnNode(ENV);
  });
  afterAll(async () => node?.kill());

  it('never logs a key, token or wrong credential, wherever the client put it', async () => {
    await exercise(node);
    expect(await node.stop()).toBe(0);
    expectNoSecrets(node.log(), Object.values(SECRETS));
  });
});

describe('the pages a node serves', () => {
  let node: NodeProcess;
  beforeAll(async () => {
    node = await spawnNode(ENV);
  });
  afterAll(async () => node?.kill());

  it('/ and /supervisor carry a strict Content-Security-Policy that a hostile Host header cannot bend', async () => {
    for (const path of ['/', '/supervisor']) {
      for (const host of [undefined, 'evil.example"; script-src *', "127.0.0.1:1 'unsafe-inline'"]) {
        const res = await fetch(`${node.url}${path}`, host ? { headers: { host } } : {});
        expect(res.status).toBe(200);
        const csp = res.headers.get('content-security-policy') ?? '';
        const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
        expect(directives.get('default-src')).toEqual(["'self'"]);
        expect(directives.get('script-src')).toEqual(["'self'"]);
        expect(directives.get('style-src')).toEqual(["'self'"]);
        expect(directives.get('object-src')).toEqual(["'none'"]);
        expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
        expect(directives.get('base-uri')).toEqual(["'none'"]);
        for (const [name, values] of directives) {
          for (const v of values) {
            expect(v, `${name} ${v}`).not.toMatch(/^\*$|unsafe|^https?:$|^http:\/\/\*|evil/);
          }
        }
        // connect-src names this host's own socket origin, or nothing beyond 'self'.
        for (const v of directives.get('connect-src') ?? []) expect(v).toMatch(/^'self'$|^wss?:\/\/127\.0\.0\.1:\d+$/);
        expect(res.headers.get('x-frame-options')).toBe('DENY');
        expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      }
    }
  });
});

describeRedis('a node on a password-protected bus', () => {
  let redis: RedisProcess;
  let node: NodeProcess;
  beforeAll(async () => {
    redis = await startRedis({ password: SECRETS.redisPassword });
    node = await spawnNode({ ...ENV, CALLCUE_BUS_URL: redis.url });
  });
  afterAll(async () => {
    await node?.kill();
    await redis?.stop();
  });

  it('never logs the bus password, even while Redis is away', async () => {
    await exercise(node);
    await redis.kill(); // connection errors get logged: without the password
    await new Promise((r) => setTimeout(r, 1500));
    await redis.restart();
    await new Promise((r) => setTimeout(r, 1000));
    expect(await node.stop()).toBe(0);
    expect(node.log()).toMatch(/joined the bus between nodes/);
    expect(node.log()).toMatch(/lost the connection to the bus/);
    expectNoSecrets(node.log(), Object.values(SECRETS));
  });
});
