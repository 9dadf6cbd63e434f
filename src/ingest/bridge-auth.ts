// Rejects a bridge before the WebSocket upgrade when its key is wrong: a 401 costs one round trip
// and no socket.

import type { FastifyInstance, FastifyRequest, preValidationHookHandler } from 'fastify';
import { authenticateBridge, bridgeKeyFrom, type BridgeIdentity } from '../auth/credentials.js';
import { ErrorCodes } from '../errors.js';

export type BridgeRequest = FastifyRequest & { bridge: BridgeIdentity };

export function bridgePreValidation(app: FastifyInstance): preValidationHookHandler {
  return async (req, reply) => {
    const key = bridgeKeyFrom(req.headers, req.query as Record<string, unknown>);
    const id = authenticateBridge(app.callcue.config, key, req.socket.remoteAddress);
    if (!id) {
      app.callcue.metrics.errors.inc({ code: ErrorCodes.UNAUTHORIZED });
      return reply.code(401).send({ type: 'error', code: ErrorCodes.UNAUTHORIZED, message: 'a valid API key is required' });
    }
    (req as BridgeRequest).bridge = id;
  };
}
