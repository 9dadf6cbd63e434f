// How the words router reaches the other nodes of a cluster (CALLCUE_BUS_URL): where a call runs,
// words sent to that node and its answer back, and the news that a call opened somewhere. The
// Redis implementation is redis-link.ts; one node alone has no link.

import type { CallOwner, WordsOutcome, WordsRequest } from './types.js';

export interface LinkedCall {
  node: string;
  owner: CallOwner;
  /** The call ended lately (remembered as long as ENDED_MEMORY_MS). */
  ended: boolean;
}

export interface LinkHandlers {
  /** Words another node routed here: applied to a call of this node, answered. */
  words(req: WordsRequest): WordsOutcome;
  /** A call opened on some node; held words naming one of these keys may now find it. */
  opened(keys: readonly string[]): void;
}

export interface WordsLink {
  readonly nodeId: string;
  start(handlers: LinkHandlers): Promise<void>;
  /** Where the call a key names runs (or ran lately), cluster-wide; null when nowhere. */
  locate(key: string): Promise<LinkedCall | null>;
  /** A call opened on this node: its keys now lead here. */
  announce(keys: readonly string[], owner: CallOwner): void;
  /** A call of this node ended: its keys now say so for a while. */
  retire(keys: readonly string[], owner: CallOwner): void;
  /** Words to the node running their call; resolves with that node's answer (or a coded failure). */
  send(node: string, req: WordsRequest): Promise<WordsOutcome>;
  close(): Promise<void>;
}
