// Ending a telephony bridge's socket with a code that says why. Twilio and the raw-PCM forks have
// no error message in their protocols, so the close code and reason are the only answer they get.

import type { WebSocket } from 'ws';
import { CloseCodes, ErrorCodes, type CallcueError } from '../errors.js';

/** RFC 6455 caps a close reason at 123 bytes of UTF-8. */
const MAX_REASON_BYTES = 123;

export function closeCodeFor(e: CallcueError): number {
  switch (e.code) {
    case ErrorCodes.UNAUTHORIZED:
      return CloseCodes.UNAUTHORIZED;
    case ErrorCodes.FORBIDDEN:
      return CloseCodes.FORBIDDEN;
    case ErrorCodes.TOO_MANY_CALLS:
    case ErrorCodes.RATE_LIMITED:
      return CloseCodes.TOO_MANY_CALLS;
    case ErrorCodes.SHUTTING_DOWN:
      return CloseCodes.GOING_AWAY;
    case ErrorCodes.INTERNAL:
      return CloseCodes.INTERNAL;
    default:
      return CloseCodes.PROTOCOL;
  }
}

export function closeBridge(ws: WebSocket, code: number, reason: string): void {
  if (ws.readyState !== ws.OPEN && ws.readyState !== ws.CONNECTING) return;
  let r = reason;
  while (Buffer.byteLength(r, 'utf8') > MAX_REASON_BYTES) r = r.slice(0, -1);
  ws.close(code, r);
}
