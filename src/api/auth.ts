// Who may read call records: supervisors only (a record holds a whole conversation), each seeing
// its team's agents. The rules are the feed's: with tokens configured the token decides; with
// none, loopback clients are trusted as an all-agents supervisor.

import type { FastifyReply, FastifyRequest } from 'fastify';
import { authenticateFeed, type Principal } from '../auth/credentials.js';
import type { Config } from '../config/schema.js';
import { ErrorCodes } from '../errors.js';
import type { Metrics } from '../observability/metrics.js';

export type Supervisor = Extract<Principal, { role: 'supervisor' }>;

/** `Authorization: Bearer TOKEN`, or `?token=` for a browser downloading an export. */
export function tokenFrom(req: FastifyRequest): string | undefined {
  const auth = req.headers.authorization;
  if (typeof auth === 'string' && /^bearer /i.test(auth)) return auth.slice(7).trim();
  const q = req.query as Record<string, unknown>;
  return typeof q.token === 'string' ? q.token : undefined;
}

export function sendError(reply: FastifyReply, metrics: Metrics, status: number, code: string, message: string): FastifyReply {
  metrics.errors.inc({ code });
  return reply.code(status).send({ type: 'error', code, message });
}

/** The supervisor behind a request, or null after answering 401/403. */
export function supervisorOf(req: FastifyRequest, reply: FastifyReply, config: Config, metrics: Metrics): Supervisor | null {
  const principal = authenticateFeed(config, tokenFrom(req), undefined, req.socket.remoteAddress);
  if (!principal) {
    sendError(reply, metrics, 401, ErrorCodes.UNAUTHORIZED, 'a supervisor token is required');
    return null;
  }
  if (principal.role !== 'supervisor') {
    sendError(reply, metrics, 403, ErrorCodes.FORBIDDEN, 'call records are for supervisors');
    return null;
  }
  return principal;
}
