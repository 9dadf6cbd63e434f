// The records API (manual §5 complete records, §6 quality inspection), supervisors only:
//   GET    /v1/calls               filter (agent, time, emotion, score, status), newest first, paged
//   GET    /v1/calls.csv|.json     the same filters, every matching call, as an export
//   GET    /v1/calls/:id           the whole record
//   DELETE /v1/calls/:id           deletes it (a privacy request), live or ended
//   GET    /v1/agents/:id/stats    prompts shown, used, dismissed and rated, by rule
// A supervisor sees its team's agents only; another team's call reads as not found.

import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { maySee } from '../auth/credentials.js';
import { ErrorCodes } from '../errors.js';
import type { CallQuery, CallRecorder } from '../storage/index.js';
import { sendError, supervisorOf, type Supervisor } from './auth.js';
import { csvExport, jsonExport } from './export.js';
import { describeIssue, encodeCursor, idParamsSchema, listQuerySchema, rangeQuerySchema, type ListQuery } from './query.js';
import { withRates } from './stats.js';

export interface CallsApiOptions {
  recorder: CallRecorder;
}

export const callsApi: FastifyPluginAsync<CallsApiOptions> = async (app, { recorder }) => {
  const { config, metrics } = app.callcue;
  const store = recorder.store;

  const bad = (reply: FastifyReply, message: string) => sendError(reply, metrics, 400, ErrorCodes.INVALID_MESSAGE, message);
  const notFound = (reply: FastifyReply, id: string) => sendError(reply, metrics, 404, ErrorCodes.UNKNOWN_CALL, `no call record ${id}`);

  /** The store query for a supervisor's filters, or null after answering why not. */
  function toStoreQuery(sup: Supervisor, q: ListQuery, reply: FastifyReply): Omit<CallQuery, 'limit'> | null {
    if (q.agentId !== undefined && !maySee(sup, q.agentId)) {
      sendError(reply, metrics, 403, ErrorCodes.FORBIDDEN, `agent ${q.agentId} is not in this supervisor's team`);
      return null;
    }
    return {
      ...(sup.agentIds.length > 0 ? { agentIds: sup.agentIds } : {}),
      ...(q.agentId !== undefined ? { agentId: q.agentId } : {}),
      ...(q.from !== undefined ? { fromMs: q.from } : {}),
      ...(q.to !== undefined ? { toMs: q.to } : {}),
      ...(q.emotion !== undefined ? { emotion: q.emotion } : {}),
      ...(q.minScore !== undefined ? { minScore: q.minScore } : {}),
      ...(q.maxScore !== undefined ? { maxScore: q.maxScore } : {}),
      ...(q.status !== undefined ? { status: q.status } : {}),
    };
  }

  async function list(req: FastifyRequest, reply: FastifyReply, forced?: 'csv' | 'json') {
    const sup = supervisorOf(req, reply, config, metrics);
    if (!sup) return reply;
    const parsed = listQuerySchema.safeParse(req.query);
    if (!parsed.success) return bad(reply, describeIssue(parsed.error));
    const q = parsed.data;
    const query = toStoreQuery(sup, q, reply);
    if (!query) return reply;
    // Read your writes: what this node has taken from the bus is in the store before we read.
    await recorder.flush();
    const format = forced ?? q.format;
    if (format === 'csv') {
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="calls.csv"')
        .send(csvExport(store, query));
    }
    if (format === 'json') return reply.type('application/json; charset=utf-8').send(jsonExport(store, query));
    const page = await store.listCalls({ ...query, limit: q.limit ?? 50, ...(q.cursor ? { after: q.cursor } : {}) });
    return { calls: page.calls, nextCursor: page.next ? encodeCursor(page.next) : null };
  }

  app.get('/v1/calls', (req, reply) => list(req, reply));
  app.get('/v1/calls.csv', (req, reply) => list(req, reply, 'csv'));
  app.get('/v1/calls.json', (req, reply) => list(req, reply, 'json'));

  /** The record if this supervisor may see it; otherwise null after a 404. */
  async function visibleRecord(req: FastifyRequest, reply: FastifyReply) {
    const sup = supervisorOf(req, reply, config, metrics);
    if (!sup) return null;
    const params = idParamsSchema.safeParse(req.params);
    if (!params.success) {
      bad(reply, describeIssue(params.error));
      return null;
    }
    await recorder.flush();
    const record = await store.getCall(params.data.id);
    if (!record || !maySee(sup, record.agentId)) {
      notFound(reply, params.data.id);
      return null;
    }
    return { sup, record };
  }

  app.get('/v1/calls/:id', async (req, reply) => {
    const found = await visibleRecord(req, reply);
    return found ? found.record : reply;
  });

  app.delete('/v1/calls/:id', async (req, reply) => {
    const found = await visibleRecord(req, reply);
    if (!found) return reply;
    await recorder.deleteCall(found.record.callId);
    // An audit line for the privacy request: ids only, never content.
    app.log.info({ callId: found.record.callId, supervisorId: found.sup.supervisorId }, 'call record deleted on request');
    return reply.code(204).send();
  });

  app.get('/v1/agents/:id/stats', async (req, reply) => {
    const sup = supervisorOf(req, reply, config, metrics);
    if (!sup) return reply;
    const params = idParamsSchema.safeParse(req.params);
    if (!params.success) return bad(reply, describeIssue(params.error));
    const range = rangeQuerySchema.safeParse(req.query);
    if (!range.success) return bad(reply, describeIssue(range.error));
    if (!maySee(sup, params.data.id)) {
      return sendError(reply, metrics, 403, ErrorCodes.FORBIDDEN, `agent ${params.data.id} is not in this supervisor's team`);
    }
    await recorder.flush();
    const { from, to } = range.data;
    const stats = await store.agentStats(params.data.id, { ...(from !== undefined ? { fromMs: from } : {}), ...(to !== undefined ? { toMs: to } : {}) });
    return {
      ...withRates(stats),
      from: from !== undefined ? new Date(from).toISOString() : null,
      to: to !== undefined ? new Date(to).toISOString() : null,
    };
  });
};
