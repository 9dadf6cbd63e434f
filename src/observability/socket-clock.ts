// Charges WebSocket framing and message handling to the profile's stages (stage-clock.ts): the
// socket's 'data' listeners run ws's frame parser, which emits each message synchronously, so a
// listener before it and one after it bracket the parsing and the protocol's handler alike.
// Bridges' sockets count as ingest, feeds' as feed.

import type { IncomingMessage } from 'node:http';
import type { FastifyPluginAsync } from 'fastify';
import type { WebSocket } from 'ws';
import { stageClock } from './stage-clock.js';

export const socketClock: FastifyPluginAsync = async (app) => {
  const onConnection = (_ws: WebSocket, req: IncomingMessage) => {
    const stage = (req.url ?? '').startsWith('/v1/feed') ? 'feed' : 'ingest';
    req.socket.prependListener('data', () => stageClock.begin(stage));
    req.socket.on('data', () => stageClock.end());
  };
  app.websocketServer.on('connection', onConnection);
  app.addHook('onClose', async () => void app.websocketServer.off('connection', onConnection));
};
