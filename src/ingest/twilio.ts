// GET /v1/twilio — Twilio Media Streams (docs/twilio.md). Owns the socket and nothing else:
// parsing is codecs/twilio.ts, the call is pipeline/session.ts. Twilio's protocol has no error
// message, so a bad message is counted and skipped and the stream goes on; what must end the
// stream (a wrong key, an unusable start) closes the socket with a code that says why.

import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { CallcueError, CloseCodes, ErrorCodes } from '../errors.js';
import { nowMs } from '../frames/clock.js';
import { isTwilioMulaw, TwilioDecoder, twilioTrackSpecs, type TwilioCommand } from '../codecs/twilio.js';
import { TWILIO_RESERVED_PARAMETERS, type TwilioTrack } from '../protocol/twilio.js';
import type { CallSession } from '../pipeline/session.js';
import { asCallcueError, checkSize, toBytes } from './socket.js';
import { authenticateInBand, deferredBridgePreValidation, INBAND_AUTH_TIMEOUT_MS, type DeferredBridgeRequest } from './inband-auth.js';
import { bridgeMetrics } from './bridge-metrics.js';
import { closeBridge, closeCodeFor } from './bridge-close.js';
import { bridgeCallStart } from './bridge-start.js';

export const twilioIngest: FastifyPluginAsync = async (app: FastifyInstance) => {
  const { calls, metrics, config, logger } = app.callcue;
  const { sequenceGaps } = bridgeMetrics(metrics);

  app.get('/v1/twilio', { websocket: true, preValidation: deferredBridgePreValidation(app) }, (socket, req) => {
    let bridge = (req as DeferredBridgeRequest).bridge;
    const remote = req.socket.remoteAddress;
    const decoder = new TwilioDecoder();
    let session: CallSession | null = null;
    const trackIndex: Partial<Record<TwilioTrack, number>> = {};

    const refuse = (e: CallcueError) => {
      metrics.errors.inc({ code: e.code });
      closeBridge(socket, closeCodeFor(e), e.message);
    };
    const authTimer =
      'pending' in bridge
        ? setTimeout(() => refuse(new CallcueError(ErrorCodes.UNAUTHORIZED, 'no start message with a key arrived in time')), INBAND_AUTH_TIMEOUT_MS)
        : null;

    const start = (c: Extract<TwilioCommand, { kind: 'start' }>) => {
      if (session) throw new CallcueError(ErrorCodes.ALREADY_STARTED, `this stream already carries call ${session.callId}`);
      if ('pending' in bridge) {
        const id = authenticateInBand(app, c.customParameters.key, remote);
        if (!id) return refuse(new CallcueError(ErrorCodes.UNAUTHORIZED, 'a valid key is required: <Parameter name="key">'));
        bridge = id;
        clearTimeout(authTimer!);
      }
      if (!isTwilioMulaw(c.mediaFormat)) {
        return refuse(new CallcueError(ErrorCodes.BAD_AUDIO, `mediaFormat must be audio/x-mulaw, 8000 Hz, 1 channel`));
      }
      const p = c.customParameters;
      // The ids words name this call by (words/ids.ts), and the account its transcription callbacks are signed for.
      const extras: Record<string, unknown> = { 'twilio.callSid': c.callSid, 'twilio.streamSid': c.streamSid, 'twilio.accountSid': c.accountSid };
      for (const [k, v] of Object.entries(p)) if (!(TWILIO_RESERVED_PARAMETERS as readonly string[]).includes(k)) extras[k] = v;
      try {
        const callStart = bridgeCallStart(
          { callId: p.callId ?? c.callSid, agentId: p.agentId, language: p.language, tracks: twilioTrackSpecs(c.tracks), metadata: extras },
          'twilio',
          { callId: 'customParameters.callId', agentId: 'customParameters.agentId', language: 'customParameters.language' },
        );
        session = calls.open(callStart, bridge.keyId);
      } catch (err) {
        return refuse(asCallcueError(err));
      }
      c.tracks.forEach((t, i) => (trackIndex[t] = i));
    };

    socket.on('message', (data, isBinary) => {
      const arrivalMs = nowMs();
      const bytes = toBytes(data);
      try {
        checkSize(bytes.byteLength, config.maxMessageBytes);
        if (isBinary) throw new CallcueError(ErrorCodes.INVALID_MESSAGE, 'Twilio Media Streams messages are JSON text');
        const { command, missing, outOfOrder } = decoder.decode(Buffer.from(bytes).toString('utf8'));
        if (missing > 0) sequenceGaps.inc({ protocol: 'twilio' }, missing);
        if (outOfOrder) metrics.errors.inc({ code: ErrorCodes.INVALID_MESSAGE });
        switch (command.kind) {
          case 'start':
            return start(command);
          case 'media': {
            if (!session) throw new CallcueError(ErrorCodes.NOT_STARTED, 'media before an accepted start');
            const idx = trackIndex[command.track];
            if (idx === undefined) throw new CallcueError(ErrorCodes.UNKNOWN_TRACK, `track ${command.track} was not in start.tracks`);
            session.pushAudio(idx, command.mulaw, arrivalMs);
            return;
          }
          case 'stop': {
            const s = session;
            if (!s) return closeBridge(socket, CloseCodes.NORMAL, 'stopped');
            if (!s.isStopping) void s.stop('stop').then(() => closeBridge(socket, CloseCodes.NORMAL, 'stopped'));
            return;
          }
          case 'connected':
          case 'mark':
          case 'dtmf':
            return;
        }
      } catch (err) {
        const e = asCallcueError(err);
        metrics.errors.inc({ code: e.code });
        if (e.code === ErrorCodes.INTERNAL) logger.error({ err: (err as Error).message }, 'twilio ingest failure');
      }
    });

    const end = (reason: string) => {
      if (authTimer) clearTimeout(authTimer);
      if (session && !session.isStopping) void session.stop(reason);
    };
    socket.on('close', () => end('bridge_disconnected'));
    socket.on('error', () => end('bridge_error'));
  });
};
