// Message-rate limits for every WebSocket the node serves (bridges of each protocol and feeds): a
// token bucket per socket, refilled at maxMessagesPerSecond with bursts of two seconds' worth. A
// message over the limit is dropped before any parsing — answered RATE_LIMITED where the protocol
// has an error message, at most once a second — and the socket stays open; only a socket over the
// limit for ABUSE_WINDOWS seconds in a row is closed with 1008 (policy violation).

import type { IncomingMessage } from 'node:http';
import type { FastifyPluginAsync } from 'fastify';
import type { WebSocket } from 'ws';
import { CloseCodes, ErrorCodes } from '../errors.js';
import { sendJson } from './socket.js';

/** Seconds of burst the bucket holds. */
const BURST_S = 2;
/** Consecutive seconds over the limit that make a socket abusive. */
export const ABUSE_WINDOWS = 10;

export class TokenBucket {
  private tokens: number;
  private lastMs: number;

  constructor(
    private readonly ratePerS: number,
    private readonly capacity: number,
    nowMs: number,
  ) {
    this.tokens = capacity;
    this.lastMs = nowMs;
  }

  take(nowMs: number): boolean {
    this.tokens = Math.min(this.capacity, this.tokens + ((nowMs - this.lastMs) / 1000) * this.ratePerS);
    this.lastMs = nowMs;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

export type RateVerdict =
  | { kind: 'pass' }
  /** Drop the message; `answer` is true for the first drop of each second. */
  | { kind: 'drop'; answer: boolean }
  | { kind: 'close' };

// Verdicts are shared constants: take() runs for every message of every socket (10,000 a second
// at 100 calls), and an object per call was garbage the main thread's scavenges had to sweep.
const PASS: RateVerdict = Object.freeze({ kind: 'pass' });
const DROP_ANSWERED: RateVerdict = Object.freeze({ kind: 'drop', answer: true });
const DROP_SILENT: RateVerdict = Object.freeze({ kind: 'drop', answer: false });
const CLOSE: RateVerdict = Object.freeze({ kind: 'close' });

/** One socket's limit: the bucket, and how many seconds in a row it has been over it. */
export class MessageRateLimit {
  private readonly bucket: TokenBucket;
  private lastDropSecond = -2;
  private streak = 0;

  constructor(ratePerS: number, nowMs: number) {
    this.bucket = new TokenBucket(ratePerS, Math.max(1, ratePerS * BURST_S), nowMs);
  }

  take(nowMs: number): RateVerdict {
    if (this.bucket.take(nowMs)) return PASS;
    const second = Math.floor(nowMs / 1000);
    if (second === this.lastDropSecond) return DROP_SILENT;
    this.streak = second === this.lastDropSecond + 1 ? this.streak + 1 : 1;
    this.lastDropSecond = second;
    return this.streak >= ABUSE_WINDOWS ? CLOSE : DROP_ANSWERED;
  }
}

/** How each endpoint is told it was limited: in its own error shape, or not at all. */
function answerFor(path: string): ((ws: WebSocket, message: string) => void) | null {
  switch (path) {
    case '/v1/stream':
    case '/v1/feed':
      return (ws, message) => sendJson(ws, { type: 'error', code: ErrorCodes.RATE_LIMITED, message });
    case '/v1/fork':
      return (ws, message) => sendJson(ws, { type: 'error', data: { code: ErrorCodes.RATE_LIMITED, message } });
    default:
      // Twilio Media Streams and AudioHook have no message for this: the drop is counted only.
      return null;
  }
}

/**
 * Puts the limit in front of a socket's message listeners: the socket's own 'message' emissions
 * pass through the bucket first, so a dropped message never reaches the protocol's handler.
 */
export function limitSocket(ws: WebSocket, path: string, ratePerS: number, onDrop: () => void): void {
  const limit = new MessageRateLimit(ratePerS, performance.now());
  const answer = answerFor(path);
  const message = `over ${ratePerS} messages a second: message dropped`;
  const emit = ws.emit;
  ws.emit = function limitedEmit(this: WebSocket, event: string | symbol, ...args: unknown[]): boolean {
    if (event === 'message') {
      const v = limit.take(performance.now());
      if (v.kind !== 'pass') {
        onDrop();
        if (v.kind === 'close') {
          ws.close(CloseCodes.POLICY, 'message rate limit exceeded for 10 s');
        } else if (v.answer && answer) answer(ws, message);
        return false;
      }
    }
    return emit.call(this, event, ...args);
  } as WebSocket['emit'];
}

export const rateLimits: FastifyPluginAsync = async (app) => {
  const { config, metrics } = app.callcue;
  if (config.maxMessagesPerSecond === 0) return;
  const onConnection = (ws: WebSocket, req: IncomingMessage) => {
    const path = (req.url ?? '/').split('?')[0]!;
    // The transcript side channel answers every message, so it applies this limit itself.
    if (path === '/v1/transcripts') return;
    limitSocket(ws, path, config.maxMessagesPerSecond, () => metrics.errors.inc({ code: ErrorCodes.RATE_LIMITED }));
  };
  app.websocketServer.on('connection', onConnection);
  app.addHook('onClose', async () => void app.websocketServer.off('connection', onConnection));
};
