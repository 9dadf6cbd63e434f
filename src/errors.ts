// Stable, coded errors. A code is part of the wire protocol: bridges and desktops switch on it.
// Inside a call's stream an error becomes an event for that call only; it never crosses calls.

export const ErrorCodes = {
  CONFIG_INVALID: 'CONFIG_INVALID',
  MALFORMED_JSON: 'MALFORMED_JSON',
  INVALID_MESSAGE: 'INVALID_MESSAGE',
  UNKNOWN_TYPE: 'UNKNOWN_TYPE',
  NOT_STARTED: 'NOT_STARTED',
  ALREADY_STARTED: 'ALREADY_STARTED',
  DUPLICATE_CALL: 'DUPLICATE_CALL',
  UNKNOWN_TRACK: 'UNKNOWN_TRACK',
  BAD_AUDIO: 'BAD_AUDIO',
  FILE_NOT_FOUND: 'FILE_NOT_FOUND',
  FILE_NOT_READABLE: 'FILE_NOT_READABLE',
  FRAME_TOO_LARGE: 'FRAME_TOO_LARGE',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  TOO_MANY_CALLS: 'TOO_MANY_CALLS',
  RATE_LIMITED: 'RATE_LIMITED',
  UNKNOWN_CALL: 'UNKNOWN_CALL',
  CALL_ENDED: 'CALL_ENDED',
  UNKNOWN_PROMPT: 'UNKNOWN_PROMPT',
  SHUTTING_DOWN: 'SHUTTING_DOWN',
  INTERNAL: 'INTERNAL',
} as const;

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

export class CallcueError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CallcueError';
  }
}

/** WebSocket close codes (4000–4999 are free for applications). */
export const CloseCodes = {
  NORMAL: 1000,
  GOING_AWAY: 1001,
  POLICY: 1008,
  TOO_BIG: 1009,
  INTERNAL: 1011,
  UNAUTHORIZED: 4401,
  FORBIDDEN: 4403,
  TOO_MANY_CALLS: 4429,
  PROTOCOL: 4400,
} as const;
