// GET /v1/stream — the native bridge protocol (docs/protocol.md). This plugin owns the socket and
// nothing else: parsing is protocol/native.ts, the call is pipeline/session.ts.

import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { CloseCodes, CallcueError, ErrorCodes } from '../errors.js';
import { nowMs } from '../frames/clock.js';
import { nativeClientSchemas, type NativeServerMessage } from '../protocol/native.js';
import { parseJsonMessage } from '../protocol/parse.js';
import type { CallSession } from '../pipeline/session.js';
import { answerError, checkSize, sendJson, toBytes } from './socket.js';
import { bridgePreValidation, type BridgeRequest } from './bridge-auth.js';

export const nativeIngest: FastifyPluginAsync = async (app: FastifyInstance) => {
  const { calls, metrics, config, logger } = app.callcue;

  app.get('/v1/stream', { websocket: true, preValidation: bridgePreValidation(app) }, (socket, req) => {
    const keyId = (req as BridgeRequest).bridge.keyId;
    let session: CallSession | null = null;
    const reply = (m: NativeServerMessage) => sendJson(socket, m);

    socket.on('message', (data, isBinary) => {
      const arrivalMs = nowMs();
      const bytes = toBytes(data);
      try {
        checkSize(bytes.byteLength, config.maxMessageBytes);
        if (isBinary) {
          if (!session) throw new CallcueError(ErrorCodes.NOT_STARTED, 'audio before "start": send a start message first');
          if (bytes.byteLength < 1) throw new CallcueError(ErrorCodes.BAD_AUDIO, 'an audio message needs a track byte');
          session.pushAudio(bytes[0]!, bytes.subarray(1), arrivalMs);
          return;
        }
        const msg = parseJsonMessage(Buffer.from(bytes).toString('utf8'), nativeClientSchemas);
        switch (msg.type) {
          case 'start': {
            if (session) throw new CallcueError(ErrorCodes.ALREADY_STARTED, `this connection already carries call ${session.callId}`);
            const s = calls.open({ ...msg, source: 'native' }, keyId);
            session = s;
            reply({ type: 'started', callId: s.callId, tracks: s.start.tracks.length });
            return;
          }
          case 'transcript':
            if (!session) throw new CallcueError(ErrorCodes.NOT_STARTED, 'transcript before "start"');
            session.pushTranscript(msg, arrivalMs);
            return;
          case 'stop': {
            if (!session) throw new CallcueError(ErrorCodes.NOT_STARTED, 'stop before "start"');
            const s = session;
            void s.stop(msg.reason ?? 'stop').then(() => {
              reply({ type: 'stopped', callId: s.callId, reason: msg.reason ?? 'stop', durationMs: Math.round(s.mediaMs), shedFrames: s.shedFrames });
              socket.close(CloseCodes.NORMAL, 'stopped');
            });
            return;
          }
        }
      } catch (err) {
        const e = answerError(socket, metrics, err);
        if (e.code === ErrorCodes.INTERNAL) logger.error({ err: (err as Error).message }, 'native ingest failure');
      }
    });

    socket.on('close', () => {
      if (session && !session.isStopping) void session.stop('bridge_disconnected');
    });
    socket.on('error', () => {
      if (session && !session.isStopping) void session.stop('bridge_error');
    });
  });
};
