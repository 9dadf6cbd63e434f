// ws's frame parser without a Buffer view per header field. ws's Receiver reads every frame's header
// bytes through consume(n), which makes a new view of the bytes it returns and another of the rest of
// the chunk: about eight typed arrays for each audio message (two bytes of header, two of length,
// four of mask, the payload), 42 % of everything the main thread allocated at 100 calls (sampling heap
// profile: 9 of 21.5 MB a second), and the main thread's scavenges with it.
// This consume() keeps the chunk and an offset into it instead of a view of the rest, copies header
// fields (read at once, or the mask until its payload is unmasked) into a scratch of the receiver's
// own, and makes a view only of a payload, as ws does. Everything else is ws's own code.
// It replaces ws's method only where it is the one it was written against (checked when installed):
// another ws version keeps its own parser, and test/ingest/ws-receiver.test.ts says so.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import * as ws from 'ws';

/** ws's frame parser, a Writable of socket chunks that emits 'message', 'ping', 'pong', 'conclude', 'error' (ws exports it; @types/ws does not declare it). */
export const Receiver = (ws as unknown as { Receiver: new (options?: { isServer?: boolean; maxPayload?: number; binaryType?: string }) => Writable }).Receiver;

/** ws's state while it reads a frame's payload (receiver.js: `const GET_DATA = 4`). */
const GET_DATA = 4;

/** ws 8's consume(), as released (whitespace aside): the code this replaces. */
const STOCK_CONSUME =
  'consume(n){this._bufferedBytes-=n;if(n===this._buffers[0].length)returnthis._buffers.shift();if(n<this._buffers[0].length){constbuf=this._buffers[0];this._buffers[0]=newFastBuffer(buf.buffer,buf.byteOffset+n,buf.length-n);returnnewFastBuffer(buf.buffer,buf.byteOffset,n);}constdst=Buffer.allocUnsafe(n);do{constbuf=this._buffers[0];constoffset=dst.length-n;if(n>=buf.length){dst.set(this._buffers.shift(),offset);}else{dst.set(newUint8Array(buf.buffer,buf.byteOffset,n),offset);this._buffers[0]=newFastBuffer(buf.buffer,buf.byteOffset+n,buf.length-n);}n-=buf.length;}while(n>0);returndst;}';

const FastBuffer = (Buffer as unknown as { [Symbol.species]: new (buffer: ArrayBufferLike, byteOffset: number, length: number) => Buffer })[Symbol.species];

/** The fields of ws's Receiver this reads and writes. */
interface ReceiverState {
  _bufferedBytes: number;
  _buffers: Buffer[];
  _state: number;
  /** Bytes of _buffers[0] already consumed (ours). */
  _headOffset?: number;
  /** Header fields of the frame being read (ours). */
  _headerScratch?: Buffer;
}

function leanConsume(this: ReceiverState, n: number): Buffer {
  this._bufferedBytes -= n;
  let off = this._headOffset ?? 0;
  let head = this._buffers[0]!;
  // A header field (frame info, length, mask) is read at once and not kept past its frame: its bytes go
  // to the scratch. A payload is handed on (and unmasked in place), so it is a view, as in ws.
  const header = this._state !== GET_DATA;
  if (n <= head.length - off) {
    let out: Buffer;
    if (header) {
      out = (this._headerScratch ??= Buffer.alloc(8));
      for (let i = 0; i < n; i++) out[i] = head[off + i]!;
    } else out = off === 0 && n === head.length ? head : new FastBuffer(head.buffer, head.byteOffset + off, n);
    off += n;
    if (off === head.length) {
      this._buffers.shift();
      off = 0;
    }
    this._headOffset = off;
    return out;
  }
  // Across chunks: copied, as in ws.
  const dst = header ? (this._headerScratch ??= Buffer.alloc(8)) : Buffer.allocUnsafe(n);
  let filled = 0;
  while (filled < n) {
    head = this._buffers[0]!;
    const take = Math.min(head.length - off, n - filled);
    dst.set(head.subarray(off, off + take), filled);
    filled += take;
    off += take;
    if (off === head.length) {
      this._buffers.shift();
      off = 0;
    }
  }
  this._headOffset = off;
  return dst;
}

type Consume = (n: number) => Buffer;
/** ws's own consume(), kept on the prototype once replaced (a symbol of the process: every copy of this module sees it). */
const STOCK = Symbol.for('callcue.ws.stockConsume');
const proto = Receiver.prototype as unknown as { consume: Consume; [STOCK]?: Consume };

/** ws's own consume(), whether or not it has been replaced (for the equivalence test). */
export function stockConsume(): Consume {
  return proto[STOCK] ?? proto.consume;
}

/**
 * Puts leanConsume in place of ws's consume(), once per process, if the installed ws is the one it
 * was written against. Returns whether it is in place.
 */
export function installLeanReceiver(): boolean {
  if (proto[STOCK]) return true;
  const source = readFileSync(join(dirname(createRequire(import.meta.url).resolve('ws')), 'lib', 'receiver.js'), 'utf8');
  if (proto.consume.toString().replace(/\s+/g, '') !== STOCK_CONSUME || !source.includes(`const GET_DATA = ${GET_DATA};`)) return false;
  proto[STOCK] = proto.consume;
  proto.consume = leanConsume as unknown as Consume;
  return true;
}

export { leanConsume };
