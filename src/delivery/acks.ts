// Acknowledgements travel from whichever feed received them, over the bus, to the node running the
// call, which records them as `acked` events (counted per agent and rule: manual §6 feedback loop).

import type { FastifyPluginAsync } from 'fastify';

export const ackHandling: FastifyPluginAsync = async (app) => {
  const { bus, calls } = app.callcue;
  const sub = bus.acks$.subscribe((ack) => {
    calls.get(ack.callId)?.ack(ack.promptId, ack.action, ack.agentId, ack.arrivalMs);
  });
  app.addHook('onClose', async () => sub.unsubscribe());
};
