// Bridges whose platform cannot put a key on the upgrade request. Twilio drops query strings from
// <Stream url> and carries <Parameter>s in its `start` message; mod_audio_fork and Vonage carry
// custom fields in their first text frame. A key that IS on the request (Bearer, Basic as jambonz
// wsAuth sends it, X-API-Key, ?key=) is checked before the upgrade as usual and a wrong one gets
// a 401; a request with no key at all is let through only when keys are configured, and must then
// present one in-band before any audio is processed.

import type { FastifyInstance, FastifyRequest, preValidationHookHandler } from 'fastify';
import { authenticateBridge, bridgeKeyFrom, type BridgeIdentity } from '../auth/credentials.js';
import { ErrorCodes } from '../errors.js';

export type DeferredBridge = BridgeIdentity | { pending: true };
export type DeferredBridgeRequest = FastifyRequest & { bridge: DeferredBridge };

/** How long a socket whose key is still to come may stay open without presenting it, ms. */
export const INBAND_AUTH_TIMEOUT_MS = 10_000;

/** The password of `Authorization: Basic …` (jambonz `wsAuth`): the user name is ignored. */
export function basicAuthPassword(header: string | string[] | undefined): string | undefined {
  if (typeof header !== 'string' || !/^basic /i.test(header)) return undefined;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : decoded.slice(colon + 1);
}

export function requestKey(req: FastifyRequest): string | undefined {
  return basicAuthPassword(req.headers.authorization) ?? bridgeKeyFrom(req.headers, req.query as Record<string, unknown>);
}

export function deferredBridgePreValidation(app: FastifyInstance): preValidationHookHandler {
  return async (req, reply) => {
    const { config, metrics } = app.callcue;
    const key = requestKey(req);
    let bridge: DeferredBridge | null;
    if (key !== undefined || config.apiKeys.length === 0) bridge = authenticateBridge(config, key, req.socket.remoteAddress);
    else bridge = { pending: true };
    if (!bridge) {
      metrics.errors.inc({ code: ErrorCodes.UNAUTHORIZED });
      return reply.code(401).send({ type: 'error', code: ErrorCodes.UNAUTHORIZED, message: 'a valid API key is required' });
    }
    (req as DeferredBridgeRequest).bridge = bridge;
  };
}

/** Checks a key that arrived inside the protocol; null when it is missing or wrong. */
export function authenticateInBand(app: FastifyInstance, key: string | undefined, remote: string | undefined): BridgeIdentity | null {
  if (key === undefined || key === '') return null;
  return authenticateBridge(app.callcue.config, key, remote);
}
