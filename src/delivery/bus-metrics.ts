// Metrics of the bus between nodes, created once per app registry (tests build several apps in
// one process, so module-level metrics would be shared between them).

import client from 'prom-client';
import type { Metrics } from '../observability/metrics.js';

export interface BusMetrics {
  connected: client.Gauge;
  published: client.Counter;
  received: client.Counter<'kind'>;
  /** Entries read twice (a write resent after a reconnect) and skipped. */
  duplicates: client.Counter;
  /** Events that skipped ahead of their call's seq on this node: loss between nodes. */
  gaps: client.Counter;
  /** Events kept local because too many writes were waiting for Redis. */
  dropped: client.Counter;
  invalid: client.Counter;
  nodesLost: client.Counter;
  pendingWrites: client.Gauge;
}

const byRegistry = new WeakMap<client.Registry, BusMetrics>();

export function busMetrics(metrics: Metrics): BusMetrics {
  let m = byRegistry.get(metrics.registry);
  if (m) return m;
  const registers = [metrics.registry];
  m = {
    connected: new client.Gauge({ name: 'callcue_bus_connected', help: '1 while this node is connected to the bus between nodes', registers }),
    published: new client.Counter({ name: 'callcue_bus_published_total', help: 'Events this node wrote to the bus between nodes', registers }),
    received: new client.Counter({ name: 'callcue_bus_received_total', help: 'Entries read from other nodes, by kind (event, ack)', labelNames: ['kind'] as const, registers }),
    duplicates: new client.Counter({ name: 'callcue_bus_duplicates_total', help: 'Bus entries read twice and skipped', registers }),
    gaps: new client.Counter({ name: 'callcue_bus_gaps_total', help: 'Events of other nodes that arrived after a gap in their call\'s seq', registers }),
    dropped: new client.Counter({ name: 'callcue_bus_dropped_total', help: 'Events not written to the bus because too many writes were waiting for Redis', registers }),
    invalid: new client.Counter({ name: 'callcue_bus_invalid_total', help: 'Malformed bus entries skipped', registers }),
    nodesLost: new client.Counter({ name: 'callcue_bus_nodes_lost_total', help: 'Lost nodes whose calls this node ended', registers }),
    pendingWrites: new client.Gauge({ name: 'callcue_bus_pending_writes', help: 'Bus writes waiting for Redis', registers }),
  };
  byRegistry.set(metrics.registry, m);
  return m;
}
