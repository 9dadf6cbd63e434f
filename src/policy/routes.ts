// The playbook over HTTP: which version is in force, and a reload after a bank edited the file
// (the file is also watched; SIGHUP reloads too). Supervisors only.

import type { FastifyPluginAsync } from 'fastify';
import { authenticateFeed } from '../auth/credentials.js';
import { ErrorCodes } from '../errors.js';

export const playbookRoutes: FastifyPluginAsync = async (app) => {
  const { playbook, config, metrics, logger } = app.callcue;

  app.addHook('preHandler', async (req, reply) => {
    const auth = req.headers.authorization;
    const token = typeof auth === 'string' && /^bearer /i.test(auth) ? auth.slice(7).trim() : undefined;
    const principal = authenticateFeed(config, token, undefined, req.socket.remoteAddress);
    if (!principal) return reply.code(401).send({ code: ErrorCodes.UNAUTHORIZED, message: 'a supervisor token is required' });
    if (principal.role !== 'supervisor') return reply.code(403).send({ code: ErrorCodes.FORBIDDEN, message: 'supervisors only' });
  });

  app.get('/v1/playbook', async () => ({ version: playbook.current.version, name: playbook.current.name, path: playbook.path, playbook: playbook.current }));

  app.post('/v1/playbook/reload', async (_req, reply) => {
    const r = playbook.reload();
    if (!r.ok) return reply.code(422).send({ code: ErrorCodes.CONFIG_INVALID, message: r.error, version: r.version });
    return r;
  });

  const off = playbook.onReload((r) => {
    metrics.playbookReloads.inc({ result: r.ok ? 'ok' : 'rejected' });
    if (r.ok) logger.info({ version: r.version }, 'playbook reloaded');
    else logger.error({ version: r.version, error: r.error }, 'playbook rejected; the previous one stays in force');
  });
  app.addHook('onClose', async () => off());
};
