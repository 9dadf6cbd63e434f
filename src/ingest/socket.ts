// Helpers every bridge plugin shares: sending JSON safely, turning thrown errors into protocol
// answers, and the app-level message size check (which answers instead of dropping the socket).

import type { WebSocket } from 'ws';
import { CallcueError, ErrorCodes } from '../errors.js';
import type { Metrics } from '../observability/metrics.js';

export function sendJson(ws: WebSocket, msg: unknown): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
}

/** Normalises ws's message payload to one Uint8Array view without copying where possible. */
export function toBytes(data: Buffer | ArrayBuffer | Buffer[]): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return data;
}

export function asCallcueError(err: unknown): CallcueError {
  if (err instanceof CallcueError) return err;
  return new CallcueError(ErrorCodes.INTERNAL, 'internal error');
}

/** Answers an error on the socket in the native shape and counts it. */
export function answerError(ws: WebSocket, metrics: Metrics, err: unknown): CallcueError {
  const e = asCallcueError(err);
  metrics.errors.inc({ code: e.code });
  sendJson(ws, { type: 'error', code: e.code, message: e.message });
  return e;
}

export function checkSize(bytes: number, limit: number): void {
  if (bytes > limit) {
    throw new CallcueError(ErrorCodes.FRAME_TOO_LARGE, `message of ${bytes} bytes is over the ${limit}-byte limit; it was ignored`);
  }
}

/** Transport-level ceiling: far above the app limit, so oversize messages get an answer, not a cut. */
export function transportMaxPayload(appLimitBytes: number): number {
  return Math.max(appLimitBytes * 16, 1 << 20);
}
