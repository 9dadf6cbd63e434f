// GET /v1/feed — what an agent's desktop or a supervisor wall receives. On connect: a hello, then
// the live state of every visible call, then events as they happen. Acknowledgements come back
// on the same socket.

import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import { authenticateFeed, maySee, type Principal } from '../auth/credentials.js';
import { CallcueError, ErrorCodes } from '../errors.js';
import { nowMs } from '../frames/clock.js';
import { FeedRouter, type FeedTarget } from './feed-router.js';
import { ackMessageSchema, type CallStateMessage } from '../protocol/feed.js';
import { parseJsonMessage } from '../protocol/parse.js';
import { answerError, checkSize, sendJson, toBytes } from '../ingest/socket.js';
import type { CallState } from './call-state.js';

type FeedRequest = FastifyRequest & { principal: Principal; narrowCallId?: string };

/** Above this many unsent bytes a feed is backed up: superseded emotion states are skipped. */
const BACKED_UP_BYTES = 256 * 1024;

export const feedDelivery: FastifyPluginAsync = async (app: FastifyInstance) => {
  const { bus, metrics, config } = app.callcue;
  const router = new FeedRouter(bus.events$);
  // The histogram's series per event type, looked up once: observe() with labels hashes them every time.
  const latencyByType = new Map<string, { observe(value: number): void }>();
  const latencyOf = (type: string) => {
    let h = latencyByType.get(type);
    if (!h) latencyByType.set(type, (h = metrics.eventLatencyMs.labels({ type })));
    return h;
  };
  app.addHook('onClose', async () => router.close());

  const preValidation = async (req: FastifyRequest, reply: import('fastify').FastifyReply) => {
    const q = req.query as Record<string, unknown>;
    const auth = req.headers.authorization;
    const token = typeof q.token === 'string' ? q.token : typeof auth === 'string' && /^bearer /i.test(auth) ? auth.slice(7).trim() : undefined;
    const agentId = typeof q.agentId === 'string' && q.agentId ? q.agentId : undefined;
    const principal = authenticateFeed(config, token, agentId, req.socket.remoteAddress);
    if (!principal) {
      metrics.errors.inc({ code: ErrorCodes.UNAUTHORIZED });
      return reply.code(401).send({ type: 'error', code: ErrorCodes.UNAUTHORIZED, message: 'a valid token for this agent is required' });
    }
    (req as FeedRequest).principal = principal;
    if (typeof q.callId === 'string' && q.callId) (req as FeedRequest).narrowCallId = q.callId;
  };

  app.get('/v1/feed', { websocket: true, preValidation }, (socket, req) => {
    const { principal, narrowCallId } = req as FeedRequest;
    const visible = new Set<string>();
    const wants = (callId: string, agentId: string) => maySee(principal, agentId) && (!narrowCallId || narrowCallId === callId);

    metrics.feeds.inc();
    const live = bus.liveCalls().filter((c) => wants(c.callId, c.agentId));
    sendJson(socket, {
      type: 'hello',
      agentId: principal.role === 'agent' ? principal.agentId : null,
      role: principal.role,
      calls: live.length,
    });
    for (const c of live) {
      visible.add(c.callId);
      sendJson(socket, snapshotOf(c));
    }

    const feed: FeedTarget = {
      wants,
      deliver(ev, json, latencyMs) {
        if (ev.type === 'call.started') visible.add(ev.callId);
        else if (ev.type === 'call.ended') visible.delete(ev.callId);
        if (socket.readyState !== socket.OPEN) return;
        if (ev.type === 'emotion' && socket.bufferedAmount > BACKED_UP_BYTES) {
          metrics.droppedFeedEvents.inc();
          return;
        }
        latencyOf(ev.type).observe(latencyMs);
        socket.send(json);
      },
    };
    router.add(feed, visible);

    socket.on('message', (data, isBinary) => {
      const arrivalMs = nowMs();
      try {
        const bytes = toBytes(data);
        checkSize(bytes.byteLength, 16 * 1024);
        if (isBinary) throw new CallcueError(ErrorCodes.INVALID_MESSAGE, 'the feed takes JSON text messages only');
        const ack = parseJsonMessage(Buffer.from(bytes).toString('utf8'), { ack: ackMessageSchema });
        const call = [...visible].map((id) => bus.getCall(id)).find((c) => c && c.promptIds.includes(ack.promptId) && (!ack.callId || ack.callId === c.callId));
        if (!call) {
          metrics.errors.inc({ code: ErrorCodes.UNKNOWN_PROMPT });
          sendJson(socket, { type: 'error', code: ErrorCodes.UNKNOWN_PROMPT, message: `no prompt ${ack.promptId} on a live call of this feed`, promptId: ack.promptId });
          return;
        }
        bus.sendAck({
          callId: call.callId,
          promptId: ack.promptId,
          action: ack.action,
          agentId: principal.role === 'agent' ? principal.agentId : `supervisor:${principal.supervisorId}`,
          arrivalMs,
        });
      } catch (err) {
        answerError(socket, metrics, err);
      }
    });
    socket.on('close', () => {
      router.remove(feed);
      metrics.feeds.dec();
    });
  });
};

function snapshotOf(c: CallState): CallStateMessage {
  const strip = <T extends { arrivalMs: number }>(e: T) => {
    const { arrivalMs: _a, ...rest } = e;
    return { ...rest, latencyMs: 0 };
  };
  const at = new Date().toISOString();
  return {
    type: 'call.state',
    callId: c.callId,
    seq: c.lastSeq,
    latencyMs: 0,
    at,
    started: strip(c.started) as CallStateMessage['started'],
    emotion: c.emotion ? (strip(c.emotion) as CallStateMessage['emotion']) : null,
    emotionHistory: c.emotionHistory,
    transcript: c.transcript.map(strip) as CallStateMessage['transcript'],
    prompts: c.prompts.map(strip) as CallStateMessage['prompts'],
    acks: c.acks.map(strip) as CallStateMessage['acks'],
    language: c.language.map(strip) as CallStateMessage['language'],
    checklist: c.checklist ? (strip(c.checklist) as CallStateMessage['checklist']) : null,
    alerts: c.alerts.map(strip) as CallStateMessage['alerts'],
    extras: c.extras.map(strip) as CallStateMessage['extras'],
  };
}
