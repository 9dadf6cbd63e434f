// ws's frame parser with our consume() (src/ingest/ws-receiver.ts) against ws's own: the same
// streams of frames — masked and not, every length encoding, fragmented messages, control frames
// between fragments, protocol errors — cut into chunks at random places, must give the same events
// with the same bytes.

import { describe, expect, it } from 'vitest';
import { installLeanReceiver, leanConsume, Receiver, stockConsume } from '../../src/ingest/ws-receiver.js';

/** A seeded generator, so a failure can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function frame(opcode: number, payload: Uint8Array, opts: { fin?: boolean; mask: Uint8Array | null }): Buffer {
  const n = payload.length;
  const lengthBytes = n < 126 ? 0 : n < 65536 ? 2 : 8;
  const head = Buffer.alloc(2 + lengthBytes + (opts.mask ? 4 : 0));
  head[0] = ((opts.fin ?? true) ? 0x80 : 0) | opcode;
  head[1] = (opts.mask ? 0x80 : 0) | (lengthBytes === 0 ? n : lengthBytes === 2 ? 126 : 127);
  if (lengthBytes === 2) head.writeUInt16BE(n, 2);
  if (lengthBytes === 8) head.writeBigUInt64BE(BigInt(n), 2);
  const body = Buffer.from(payload);
  if (opts.mask) {
    opts.mask.forEach((b, i) => (head[2 + lengthBytes + i] = b));
    for (let i = 0; i < n; i++) body[i]! ^= opts.mask[i & 3]!;
  }
  return Buffer.concat([head, body]);
}

/** A stream of frames a bridge might send (and a few it must not). */
function stream(random: () => number, masked: boolean): Buffer {
  const mask = () => (masked ? (random() < 0.2 ? new Uint8Array(4) : Uint8Array.from({ length: 4 }, () => Math.floor(random() * 256))) : null);
  const bytes = (n: number) => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = Math.floor(random() * 256);
    return out;
  };
  const lengths = [0, 1, 3, 4, 7, 8, 125, 126, 161, 321, 65535, 65536, 70000];
  const frames: Buffer[] = [];
  for (let i = 0; i < 40; i++) {
    const r = random();
    const n = lengths[Math.floor(random() * lengths.length)]!;
    if (r < 0.5) frames.push(frame(2, bytes(n), { mask: mask() }));
    else if (r < 0.65) frames.push(frame(1, Buffer.from('é'.repeat(Math.floor(n / 2)) + 'x'.repeat(n % 2)), { mask: mask() }));
    else if (r < 0.8) {
      // A fragmented binary message, with a ping between its fragments.
      frames.push(frame(2, bytes(n), { fin: false, mask: mask() }));
      frames.push(frame(9, bytes(Math.min(n, 125)), { mask: mask() }));
      frames.push(frame(0, bytes(7), { mask: mask() }));
    } else if (r < 0.9) frames.push(frame(10, bytes(Math.min(n, 125)), { mask: mask() }));
    else frames.push(frame(2, bytes(n), { mask: masked ? null : mask() })); // mask where it must not be, or none where it must
  }
  frames.push(frame(8, Buffer.from([0x03, 0xe8, 0x62, 0x79, 0x65]), { mask: mask() }));
  return Buffer.concat(frames);
}

/** Writes `data` to a receiver in chunks cut at `cuts` and returns what it emitted. */
async function parse(consume: (n: number) => Buffer, data: Buffer, cuts: number[], isServer: boolean): Promise<unknown[]> {
  const r = new Receiver({ isServer, maxPayload: 1 << 20 }) as InstanceType<typeof Receiver> & { consume: (n: number) => Buffer };
  r.consume = consume;
  const events: unknown[] = [];
  const bytesOf = (d: unknown) => (Buffer.isBuffer(d) ? [...d] : d);
  r.on('message', (d: Buffer, isBinary: boolean) => events.push(['message', bytesOf(d), isBinary]));
  r.on('ping', (d: Buffer) => events.push(['ping', bytesOf(d)]));
  r.on('pong', (d: Buffer) => events.push(['pong', bytesOf(d)]));
  r.on('conclude', (code: number, reason: Buffer) => events.push(['conclude', code, bytesOf(reason)]));
  let failed = false;
  r.on('error', (err: Error & { code?: string }) => {
    failed = true;
    events.push(['error', err.code, err.message]);
  });
  let at = 0;
  for (const cut of [...cuts, data.length]) {
    if (failed) break;
    // Each receiver gets its own copy: payloads are unmasked in place.
    await new Promise<void>((resolve) => r.write(Buffer.from(data.subarray(at, cut)), () => resolve()));
    at = cut;
  }
  return events;
}

describe('ws receiver without a view per header field', () => {
  it('is in place with the ws this project installs (a ws upgrade that changes consume() fails here: check the new one, then the constant)', () => {
    expect(installLeanReceiver()).toBe(true);
    expect(stockConsume()).not.toBe(leanConsume);
  });

  it('emits what ws emits, for any way the stream is cut into chunks', async () => {
    const stock = stockConsume();
    const kinds: string[] = [];
    for (let seed = 1; seed <= 40; seed++) {
      const random = rng(seed);
      const isServer = seed % 3 !== 0;
      const data = stream(random, isServer);
      const cuts: number[] = [];
      // Cuts anywhere, often inside headers: one byte apart, a few bytes apart, or far apart.
      for (let at = 0; at < data.length; ) {
        at += random() < 0.3 ? 1 + Math.floor(random() * 3) : Math.floor(random() * 400) + 1;
        if (at < data.length) cuts.push(at);
      }
      const expected = await parse(stock, data, cuts, isServer);
      const actual = await parse(leanConsume as (n: number) => Buffer, data, cuts, isServer);
      expect(actual, `seed ${seed}`).toEqual(expected);
      kinds.push(...expected.map((e) => (e as string[])[0]!));
      // The same stream in one chunk, too.
      expect(await parse(leanConsume as (n: number) => Buffer, data, [], isServer), `seed ${seed}, one chunk`).toEqual(await parse(stock, data, [], isServer));
    }
    // The streams exercised every event, errors included.
    expect(new Set(kinds)).toEqual(new Set(['message', 'ping', 'pong', 'conclude', 'error']));
  }, 60_000);
});
