// Operations endpoints: /metrics (Prometheus), /healthz (the process is up), /readyz (it takes calls).

import type { FastifyPluginAsync } from 'fastify';

export const opsRoutes: FastifyPluginAsync = async (app) => {
  const { metrics, calls } = app.callcue;
  app.get('/metrics', async (_req, reply) => {
    reply.header('content-type', metrics.registry.contentType);
    return metrics.exposition();
  });
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    if (calls.isDraining) return reply.code(503).send({ status: 'draining' });
    return { status: 'ready', calls: calls.size };
  });
};
