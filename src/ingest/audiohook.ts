// GET /v1/audiohook — Genesys Cloud AudioHook v2 (docs/audiohook.md). The upgrade is refused
// with 400 when the Audiohook-* headers are missing and 401 when X-API-KEY or the HTTP message
// signature is wrong; after it, codecs/audiohook.ts runs the protocol and this plugin only turns
// its steps into socket sends and CallSession calls.

import type { FastifyInstance, FastifyPluginAsync, FastifyRequest, preValidationHookHandler } from 'fastify';
import { authenticateBridge } from '../auth/credentials.js';
import { CloseCodes, ErrorCodes } from '../errors.js';
import { nowMs } from '../frames/clock.js';
import { AudiohookServerSession, type AudiohookStep, type CloseReason } from '../codecs/audiohook.js';
import { audiohookUuid, type OpenParameters } from '../protocol/audiohook.js';
import type { CallSession } from '../pipeline/session.js';
import { asCallcueError, sendJson, toBytes } from './socket.js';
import { bridgeMetrics } from './bridge-metrics.js';
import { bridgeCallStart } from './bridge-start.js';
import { closeBridge } from './bridge-close.js';
import { canonicalHeader, MAX_CLOCK_SKEW_S, MAX_SIGNATURE_AGE_S, verifyAudiohookSignature } from './audiohook-signature.js';

export interface AudiohookIngestOptions {
  /** API key → client secret (base64), as entered in the Genesys integration's credentials. */
  clientSecrets?: Record<string, string>;
}

interface AudiohookRequestInfo {
  keyId: string;
  sessionId: string;
  organizationId: string;
  correlationId: string;
}
type AudiohookRequest = FastifyRequest & { audiohook: AudiohookRequestInfo };

/** AudioHook Monitor does not say which agent handles a conversation; such calls are filed here. */
export const UNASSIGNED_AGENT = 'unassigned';
/** How long the client has to close the socket after `closed` before we do. */
const CLOSE_GRACE_MS = 5_000;

const CLOSE_REASON: Record<CloseReason, string> = { end: 'stop', error: 'bridge_error', disconnect: 'bridge_disconnected', reconnect: 'bridge_reconnect' };

export const audiohookIngest: FastifyPluginAsync<AudiohookIngestOptions> = async (app: FastifyInstance, opts) => {
  const { calls, metrics, logger } = app.callcue;
  const { positionDrift } = bridgeMetrics(metrics);
  const secrets = new Map(Object.entries(opts.clientSecrets ?? {}).map(([k, v]) => [k, new Uint8Array(Buffer.from(v, 'base64'))]));
  const nonces = new Map<string, number>();

  app.get('/v1/audiohook', { websocket: true, preValidation: preValidation(app, secrets, nonces) }, (socket, req) => {
    const info = (req as AudiohookRequest).audiohook;
    const query = req.query as Record<string, unknown>;
    const codec = new AudiohookServerSession(info.sessionId);
    let session: CallSession | null = null;
    let endReason = 'bridge_disconnected';
    let closeTimer: NodeJS.Timeout | undefined;
    const send = (m: unknown) => sendJson(socket, m);

    const open = (params: OpenParameters, selected: Extract<AudiohookStep, { kind: 'open' }>['selected'], probe: boolean) => {
      if (params.organizationId.toLowerCase() !== info.organizationId.toLowerCase()) {
        metrics.errors.inc({ code: ErrorCodes.UNAUTHORIZED });
        return send(codec.disconnect('unauthorized', 'organizationId does not match the Audiohook-Organization-Id header'));
      }
      // Genesys probes a new integration with a null conversation: answer it, start no call.
      if (probe) return send(codec.opened(selected));
      if (!selected) {
        metrics.errors.inc({ code: ErrorCodes.BAD_AUDIO });
        return send(codec.disconnect('error', 'no offered media is PCMU at 8000 Hz'));
      }
      const pick = (k: string) => [params.inputVariables?.[k], params.customConfig?.[k], query[k]].find((v) => typeof v === 'string' && v !== '') as string | undefined;
      try {
        const start = bridgeCallStart(
          {
            callId: pick('callId') ?? params.conversationId,
            agentId: pick('agentId') ?? UNASSIGNED_AGENT,
            language: params.language ?? pick('language'),
            tracks: selected.tracks,
            metadata: {
              'genesys.conversationId': params.conversationId,
              'genesys.sessionId': info.sessionId,
              'genesys.correlationId': info.correlationId,
              'genesys.participantId': params.participant.id,
            },
          },
          'audiohook',
        );
        session = calls.open(start, info.keyId);
      } catch (err) {
        const e = asCallcueError(err);
        metrics.errors.inc({ code: e.code });
        return send(codec.disconnect('error', e.message));
      }
      send(codec.opened(selected));
    };

    const handle = (step: AudiohookStep, arrivalMs: number) => {
      switch (step.kind) {
        case 'none':
        case 'paused':
        case 'resumed':
          return;
        case 'reply':
          return send(step.message);
        case 'disconnect':
          metrics.errors.inc({ code: ErrorCodes.INVALID_MESSAGE });
          endReason = 'protocol_error';
          return send(step.message);
        case 'open':
          return open(step.params, step.selected, step.probe);
        case 'audio':
          if (!session || session.isStopping) return;
          try {
            step.channels.forEach((bytes, i) => session!.pushAudio(i, bytes, arrivalMs));
          } catch (err) {
            metrics.errors.inc({ code: asCallcueError(err).code });
          }
          return;
        case 'client-error':
          // The client's report of its own trouble: counted and logged by code only.
          logger.warn({ sessionId: info.sessionId, clientErrorCode: step.code }, 'audiohook client reported an error');
          return;
        case 'close': {
          const s = session;
          const reason = endReason === 'protocol_error' ? endReason : CLOSE_REASON[step.reason];
          void (s && !s.isStopping ? s.stop(reason) : Promise.resolve()).then(() => {
            send(codec.closed());
            closeTimer = setTimeout(() => closeBridge(socket, CloseCodes.NORMAL, 'closed'), CLOSE_GRACE_MS).unref();
          });
          return;
        }
      }
    };

    socket.on('message', (data, isBinary) => {
      const arrivalMs = nowMs();
      const bytes = toBytes(data);
      try {
        const drifts = codec.positionDrifts;
        let step: AudiohookStep;
        if (isBinary) {
          step =
            bytes.byteLength > app.callcue.config.maxMessageBytes
              ? codec.violation(`Binary message of ${bytes.byteLength} bytes is over the ${app.callcue.config.maxMessageBytes}-byte limit`)
              : codec.onBinary(bytes);
        } else step = codec.onText(Buffer.from(bytes).toString('utf8'));
        if (codec.positionDrifts > drifts) positionDrift.inc({ protocol: 'audiohook' }, codec.positionDrifts - drifts);
        handle(step, arrivalMs);
      } catch (err) {
        metrics.errors.inc({ code: ErrorCodes.INTERNAL });
        logger.error({ err: (err as Error).message }, 'audiohook ingest failure');
        send(codec.disconnect('error', 'internal server error'));
      }
    });
    const end = (reason: string) => {
      clearTimeout(closeTimer);
      if (session && !session.isStopping) void session.stop(reason);
    };
    socket.on('close', () => end(endReason));
    socket.on('error', () => end('bridge_error'));
  });
};

function preValidation(app: FastifyInstance, secrets: Map<string, Uint8Array>, nonces: Map<string, number>): preValidationHookHandler {
  const refuse = (reply: import('fastify').FastifyReply, status: 400 | 401, code: string, message: string) => {
    app.callcue.metrics.errors.inc({ code });
    return reply.code(status).send({ type: 'error', code, message });
  };
  return async (req, reply) => {
    const h = req.headers;
    const apiKey = canonicalHeader(h, 'x-api-key');
    const organizationId = canonicalHeader(h, 'audiohook-organization-id');
    const sessionId = canonicalHeader(h, 'audiohook-session-id');
    const correlationId = canonicalHeader(h, 'audiohook-correlation-id');
    if (!organizationId || !sessionId || !correlationId || !audiohookUuid.safeParse(sessionId).success) {
      return refuse(reply, 400, ErrorCodes.INVALID_MESSAGE, 'Audiohook-Organization-Id, Audiohook-Session-Id (a UUID) and Audiohook-Correlation-Id are required');
    }
    if (!apiKey) return refuse(reply, 401, ErrorCodes.UNAUTHORIZED, 'X-API-KEY is required');
    const id = authenticateBridge(app.callcue.config, apiKey, req.socket.remoteAddress);
    if (!id) return refuse(reply, 401, ErrorCodes.UNAUTHORIZED, 'unknown X-API-KEY');
    const secret = secrets.get(apiKey);
    const nowS = Date.now() / 1000;
    const result = verifyAudiohookSignature({
      headers: h,
      requestTarget: req.url,
      clientSecret: secret ?? new Uint8Array(0),
      nowS,
      nonceSeen: (nonce) => {
        const now = Date.now();
        for (const [n, exp] of nonces) if (exp < now) nonces.delete(n);
        if (nonces.has(nonce)) return true;
        nonces.set(nonce, now + (MAX_SIGNATURE_AGE_S + 2 * MAX_CLOCK_SKEW_S) * 1000);
        return false;
      },
    });
    // Without a client secret for this key the API key alone admits an unsigned request.
    if (!result.ok && !(result.unsigned && !secret)) return refuse(reply, 401, ErrorCodes.UNAUTHORIZED, `signature rejected: ${result.reason}`);
    (req as AudiohookRequest).audiohook = { keyId: id.keyId, sessionId, organizationId, correlationId };
  };
}

