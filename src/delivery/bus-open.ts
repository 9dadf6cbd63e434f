// Which bus a node uses: the in-process bus by default, the bus between nodes through Redis when
// CALLCUE_BUS_URL is set. Also the bus as the call recorder sees it, so that across nodes each call
// is recorded once — by the node that runs its pipeline.

import type { Config } from '../config/schema.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import { LocalBus, type Bus } from './bus.js';
import { RedisBus } from './redis-bus.js';

export async function openBus(config: Pick<Config, 'busUrl'>, deps: { logger: Logger; metrics: Metrics }): Promise<Bus> {
  if (!config.busUrl) return new LocalBus();
  return RedisBus.connect({ url: config.busUrl, logger: deps.logger, metrics: deps.metrics });
}

/** The bus with events$ narrowed to this node's own calls (for side-taps that must run once per call). */
export function ownCallsView(bus: Bus): Bus {
  return {
    publish: (ev) => bus.publish(ev),
    events$: bus.ownEvents$,
    ownEvents$: bus.ownEvents$,
    liveCalls: () => bus.liveCalls(),
    getCall: (callId) => bus.getCall(callId),
    sendAck: (ack) => bus.sendAck(ack),
    acks$: bus.acks$,
    close: () => bus.close(),
  };
}
