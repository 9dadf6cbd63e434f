// The soak's hostile client: sockets that send malformed, oversized and flooding frames to every
// endpoint of a node, then go away. It counts what each endpoint answered; the soak checks the
// nodes stayed up and the real calls beside them lost nothing.

import WebSocket from 'ws';

export interface HostileTally {
  sockets: number;
  frames: number;
  refusedUpgrades: number;
  /** Error codes answered (native and feed error messages, fork's error shape). */
  answered: Record<string, number>;
  closeCodes: Record<string, number>;
}

export function emptyTally(): HostileTally {
  return { sockets: 0, frames: 0, refusedUpgrades: 0, answered: {}, closeCodes: {} };
}

type Attack = { path: string; frames: (rand: () => number) => (string | Uint8Array)[] };

const randomBytes = (rand: () => number, n: number) => new Uint8Array(n).map(() => Math.floor(rand() * 256));
const randomText = (rand: () => number, n: number) => Array.from({ length: n }, () => String.fromCharCode(32 + Math.floor(rand() * 95))).join('');

const ATTACKS: Attack[] = [
  { path: '/v1/stream', frames: (r) => ['{', '{"type":"start"}', '{"type":"start","callId":"../../etc","agentId":"a","language":"xx_YY!","tracks":[]}', randomText(r, 200), randomBytes(r, 50)] },
  { path: '/v1/stream', frames: (r) => [randomBytes(r, 100_000)] }, // over maxMessageBytes (64 KiB), under the transport cut
  { path: '/v1/stream', frames: () => Array.from({ length: 1500 }, () => '{}') }, // a flood: over the per-socket rate
  { path: '/v1/feed', frames: (r) => ['{"type":"ack","promptId":"nope","action":"used"}', '{"type":"ack"}', 'null', randomText(r, 300), randomBytes(r, 30)] },
  { path: '/v1/twilio', frames: (r) => ['{"event":"start","start":{}}', '{"event":"media","media":{"payload":"%%%"}}', randomText(r, 500), '{"event":"stop"}'] },
  { path: '/v1/fork', frames: (r) => ['{"sampleRate":"fast"}', randomBytes(r, 321), randomText(r, 100)] },
  { path: '/v1/fork', frames: (r) => [randomBytes(r, 640)] }, // audio before metadata
];

/** One hostile socket against `wsUrl`; resolves when it is done (never rejects). */
export async function hostileVisit(wsUrl: string, rand: () => number, tally: HostileTally): Promise<void> {
  const attack = ATTACKS[Math.floor(rand() * ATTACKS.length)]!;
  tally.sockets++;
  await new Promise<void>((resolve) => {
    const ws = new WebSocket(`${wsUrl}${attack.path}`);
    const done = setTimeout(() => ws.terminate(), 3000);
    ws.on('unexpected-response', () => {
      tally.refusedUpgrades++;
      clearTimeout(done);
      resolve();
    });
    ws.on('error', () => undefined);
    ws.on('message', (data) => {
      try {
        const m = JSON.parse(data.toString()) as { type?: string; code?: string; data?: { code?: string } };
        const code = m.type === 'error' ? (m.code ?? m.data?.code) : undefined;
        if (code) tally.answered[code] = (tally.answered[code] ?? 0) + 1;
      } catch {
        /* not JSON: not an error answer */
      }
    });
    ws.on('close', (code) => {
      tally.closeCodes[code] = (tally.closeCodes[code] ?? 0) + 1;
      clearTimeout(done);
      resolve();
    });
    ws.on('open', () => {
      for (const f of attack.frames(rand)) {
        ws.send(f, { binary: typeof f !== 'string' });
        tally.frames++;
      }
      // Give the node a moment to answer, then leave without a goodbye.
      setTimeout(() => ws.terminate(), 300);
    });
  });
}
