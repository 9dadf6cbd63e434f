// GET /v1/fork — raw-PCM forks: FreeSWITCH mod_audio_fork, jambonz `listen`, Vonage websocket
// (docs/fork.md). The first text frame is the call's metadata, then binary L16 frames. Errors are
// answered in mod_audio_fork's server-message shape ({"type":"error","data":…}), which jambonz
// and FreeSWITCH turn into an event, and the socket is closed with a code that says why.

import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { CallcueError, CloseCodes, ErrorCodes } from '../errors.js';
import { nowMs } from '../frames/clock.js';
import { decodeForkAudio, decodeForkMetadata, type ForkStart } from '../codecs/fork.js';
import type { ForkServerError } from '../protocol/fork.js';
import type { CallSession } from '../pipeline/session.js';
import { asCallcueError, checkSize, sendJson, toBytes } from './socket.js';
import { authenticateInBand, deferredBridgePreValidation, INBAND_AUTH_TIMEOUT_MS, type DeferredBridgeRequest } from './inband-auth.js';
import { closeBridge, closeCodeFor } from './bridge-close.js';
import { bridgeCallStart } from './bridge-start.js';

export const forkIngest: FastifyPluginAsync = async (app: FastifyInstance) => {
  const { calls, metrics, config, logger } = app.callcue;

  app.get('/v1/fork', { websocket: true, preValidation: deferredBridgePreValidation(app) }, (socket, req) => {
    let bridge = (req as DeferredBridgeRequest).bridge;
    const remote = req.socket.remoteAddress;
    let fork: ForkStart | null = null;
    let session: CallSession | null = null;

    const refuse = (e: CallcueError) => {
      metrics.errors.inc({ code: e.code });
      sendJson(socket, { type: 'error', data: { code: e.code, message: e.message } } satisfies ForkServerError);
      closeBridge(socket, closeCodeFor(e), e.message);
    };
    const metadataTimer = setTimeout(
      () => refuse(new CallcueError('pending' in bridge ? ErrorCodes.UNAUTHORIZED : ErrorCodes.NOT_STARTED, 'no metadata frame arrived in time')),
      INBAND_AUTH_TIMEOUT_MS,
    );

    const begin = (text: string) => {
      clearTimeout(metadataTimer);
      const f = decodeForkMetadata(text);
      if ('pending' in bridge) {
        const id = authenticateInBand(app, f.key, remote);
        if (!id) throw new CallcueError(ErrorCodes.UNAUTHORIZED, 'a valid key is required (Authorization header, ?key= or "key" in the metadata)');
        bridge = id;
      }
      const { key: _key, ...rest } = f;
      const start = bridgeCallStart(
        { callId: rest.callId ?? `fork-${randomUUID()}`, agentId: rest.agentId, language: rest.language, tracks: rest.tracks, metadata: rest.metadata },
        'fork',
      );
      session = calls.open(start, bridge.keyId);
      fork = f;
    };

    socket.on('message', (data, isBinary) => {
      const arrivalMs = nowMs();
      const bytes = toBytes(data);
      try {
        checkSize(bytes.byteLength, config.maxMessageBytes);
        if (!fork) {
          if (isBinary) throw new CallcueError(ErrorCodes.NOT_STARTED, 'the first message must be the JSON metadata text frame');
          try {
            begin(Buffer.from(bytes).toString('utf8'));
          } catch (err) {
            refuse(asCallcueError(err));
          }
          return;
        }
        // Later text frames (DTMF, send_text, Vonage notices) carry no call audio.
        if (!isBinary || !session) return;
        const s: CallSession = session;
        decodeForkAudio(bytes, fork).forEach((pcm, i) => s.pushAudio(i, pcm, arrivalMs));
      } catch (err) {
        const e = asCallcueError(err);
        if (!fork) return refuse(e);
        metrics.errors.inc({ code: e.code });
        if (e.code === ErrorCodes.INTERNAL) logger.error({ err: (err as Error).message }, 'fork ingest failure');
      }
    });

    const end = (reason: string) => {
      clearTimeout(metadataTimer);
      const s: CallSession | null = session;
      if (s && !s.isStopping) void s.stop(reason);
    };
    // A fork has no stop message: closing the socket is how it ends a call.
    socket.on('close', (code) => end(code === CloseCodes.NORMAL || code === CloseCodes.GOING_AWAY ? 'stop' : 'bridge_disconnected'));
    socket.on('error', () => end('bridge_error'));
  });
};
