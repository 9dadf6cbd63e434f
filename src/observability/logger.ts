// The logger. Transcripts and caller data never reach a log line: events are logged by type and
// ids only, secrets are redacted by path, free-text fields are censored wholesale, and every
// record passes the personal-data scrubber.

import pino, { type Logger } from 'pino';
import { redactForLog } from '../text/privacy/log.js';

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

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    // Belt and braces: whatever a log call passes, card, ID and account numbers are scrubbed.
    formatters: { log: (obj) => redactForLog(obj) as Record<string, unknown> },
    serializers: {
      // Query strings carry tokens: log the path only.
      req: (req: { method?: string; url?: string; id?: string }) => ({
        method: req.method,
        url: (req.url ?? '').split('?')[0],
        id: req.id,
      }),
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

export type { Logger };
