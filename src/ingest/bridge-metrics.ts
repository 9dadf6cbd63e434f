// Metrics only the telephony bridges have, created once per app registry (tests build several
// apps in one process, so a module-level counter would be shared between them).

import client from 'prom-client';
import type { Metrics } from '../observability/metrics.js';

export interface BridgeMetrics {
  /** Messages a bridge numbered but never delivered (Twilio sequenceNumber gaps). */
  sequenceGaps: client.Counter<'protocol'>;
  /** Client-reported stream positions that disagree with the audio received (AudioHook). */
  positionDrift: client.Counter<'protocol'>;
}

const byRegistry = new WeakMap<client.Registry, BridgeMetrics>();

export function bridgeMetrics(metrics: Metrics): BridgeMetrics {
  let m = byRegistry.get(metrics.registry);
  if (!m) {
    m = {
      sequenceGaps: new client.Counter({
        name: 'callcue_bridge_sequence_gaps_total',
        help: 'Bridge messages missing by sequence number, by protocol',
        labelNames: ['protocol'] as const,
        registers: [metrics.registry],
      }),
      positionDrift: new client.Counter({
        name: 'callcue_bridge_position_drift_total',
        help: 'Client messages whose stream position disagreed with the audio received, by protocol',
        labelNames: ['protocol'] as const,
        registers: [metrics.registry],
      }),
    };
    byRegistry.set(metrics.registry, m);
  }
  return m;
}
