// The logger. Transcripts and caller data never reach a log line: events are logged by type and
// ids only, secrets are redacted by path, and free-text fields are censored wholesale.

import pino, { type Logger } from 'pino';

export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.signature',
  'req.query.token',
  'req.query.key',
  'token',
  'key',
  'apiKey',
  'text',
  '*.text',
  'transcript',
  '*.transcript',
  'password',
];

export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: {
      // Query strings carry tokens: log the path only.
      req: (req: { method?: string; url?: string; id?: string }) => ({
        method: req.method,
        url: (req.url ?? '').split('?')[0],
        id: req.id,
      }),
    },
  });
}

export type { Logger };
