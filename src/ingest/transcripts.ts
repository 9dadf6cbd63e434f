// GET /v1/transcripts — the transcript side channel (docs/transcripts.md): a recogniser beside the
// audio sends words for any number of calls, each naming its call by the id its bridge carries.
// This plugin owns the socket: it numbers and answers every message; where the words go is the
// words router's business (src/words).

import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { CallcueError, CloseCodes, ErrorCodes } from '../errors.js';
import { nowMs } from '../frames/clock.js';
import { parseJsonMessage } from '../protocol/parse.js';
import { transcriptsClientSchemas, type TranscriptsServerMessage } from '../protocol/transcripts.js';
import { asCallcueError, checkSize, sendJson, toBytes } from './socket.js';
import { bridgePreValidation, type BridgeRequest } from './bridge-auth.js';
import { MessageRateLimit } from './limits.js';

export const TRANSCRIPTS_PATH = '/v1/transcripts';

export const transcriptsIngest: FastifyPluginAsync = async (app: FastifyInstance) => {
  const { words, metrics, config, logger } = app.callcue;

  app.get(TRANSCRIPTS_PATH, { websocket: true, preValidation: bridgePreValidation(app) }, (socket, req) => {
    const keyId = (req as BridgeRequest).bridge.keyId;
    // This socket's own limit (the shared one answers only once a second, and here every message
    // is answered): one socket may carry many calls, so the per-call limit is the words router's.
    const limit = config.maxMessagesPerSecond > 0 ? new MessageRateLimit(config.maxMessagesPerSecond, performance.now()) : null;
    let n = 0;
    const answer = (m: TranscriptsServerMessage) => sendJson(socket, m);
    const fail = (k: number, e: CallcueError) => {
      metrics.errors.inc({ code: e.code });
      answer({ type: 'error', code: e.code, message: e.message, n: k });
    };

    socket.on('message', (data, isBinary) => {
      const arrivalMs = nowMs();
      const k = ++n;
      if (limit) {
        const v = limit.take(performance.now());
        if (v.kind === 'close') return socket.close(CloseCodes.POLICY, 'message rate limit exceeded for 10 s');
        if (v.kind === 'drop') return fail(k, new CallcueError(ErrorCodes.RATE_LIMITED, `over ${config.maxMessagesPerSecond} messages a second on this socket: dropped`));
      }
      const bytes = toBytes(data);
      try {
        checkSize(bytes.byteLength, config.maxMessageBytes);
        if (isBinary) throw new CallcueError(ErrorCodes.INVALID_MESSAGE, 'the side channel carries JSON text messages, not binary');
        const msg = parseJsonMessage(Buffer.from(bytes).toString('utf8'), transcriptsClientSchemas);
        void words
          .deliver({
            sender: { keyId },
            call: msg.call,
            words: { track: msg.track, text: msg.text, isFinal: msg.isFinal, timing: { kind: 'media', startMs: msg.startMs, endMs: msg.endMs } },
            arrivalMs,
          })
          .then((o) => (o.ok ? answer({ type: 'ack', n: k }) : fail(k, new CallcueError(o.code, o.message))));
      } catch (err) {
        const e = asCallcueError(err);
        if (e.code === ErrorCodes.INTERNAL) logger.error({ err: (err as Error).message }, 'transcript side channel failure');
        fail(k, e);
      }
    });
  });
};
