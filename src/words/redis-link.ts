// The words link between nodes, through the Redis of the bus (CALLCUE_BUS_URL). Where a call runs
// is a key per call id ("callcue:words:call:twilio:CA…" → owner node, owning key or account, ended)
// written by the node that runs it; words for it are published on that node's channel and its
// answer on the sender's; "callcue:words:opened" tells every node that a call opened, so held words
// can look again. Pub/sub, not the event stream: words are answered, so a lost one is reported to
// its sender (INTERNAL after SEND_TIMEOUT_MS) rather than replayed.

import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { Redis, type RedisOptions } from 'ioredis';
import { CallcueError, ErrorCodes } from '../errors.js';
import type { Logger } from '../observability/logger.js';
import { describeRedisUrl } from '../delivery/bus-keys.js';
import { ENDED_MEMORY_MS } from './directory.js';
import type { LinkedCall, LinkHandlers, WordsLink } from './link.js';
import { refused, type CallOwner, type WordsOutcome, type WordsRequest } from './types.js';

/** How long a node waits for the owner's answer before telling the sender INTERNAL. */
export const SEND_TIMEOUT_MS = 5_000;
/** A live call's keys expire unless refreshed (a node that died stops refreshing them). */
const LIVE_TTL_S = 30 * 60;
const REFRESH_MS = 10 * 60_000;

interface Envelope {
  t: 'w' | 'r';
  id: number;
  from?: string;
  req?: WordsRequest;
  outcome?: WordsOutcome;
}

export interface RedisWordsLinkOptions {
  url: string;
  logger: Logger;
  prefix?: string;
  nodeId?: string;
  connectTimeoutMs?: number;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export class RedisWordsLink implements WordsLink {
  readonly nodeId: string;
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly prefix: string;
  private readonly log: Logger;
  private readonly waiting = new Map<number, { resolve: (o: WordsOutcome) => void; timer: NodeJS.Timeout }>();
  private readonly live = new Map<string, string>();
  private nextId = 1;
  private refreshTimer: NodeJS.Timeout | null = null;
  private closed = false;

  static async connect(opts: RedisWordsLinkOptions): Promise<RedisWordsLink> {
    const link = new RedisWordsLink(opts);
    const timeoutMs = opts.connectTimeoutMs ?? 10_000;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        Promise.all([link.pub.connect(), link.sub.connect()]),
        new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs))),
      ]);
    } catch (err) {
      link.pub.disconnect();
      link.sub.disconnect();
      throw new CallcueError(ErrorCodes.INTERNAL, `cannot reach the bus at ${describeRedisUrl(opts.url)} (CALLCUE_BUS_URL) for words: ${(err as Error).message}`);
    } finally {
      clearTimeout(timer);
    }
    return link;
  }

  private constructor(opts: RedisWordsLinkOptions) {
    this.nodeId = opts.nodeId ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
    this.prefix = opts.prefix ?? 'callcue';
    this.log = opts.logger;
    const common: RedisOptions = {
      lazyConnect: true,
      maxRetriesPerRequest: null,
      retryStrategy: (attempt) => Math.min(100 * attempt, 1000),
      connectTimeout: 5000,
      protocol: 2,
    };
    this.pub = new Redis(opts.url, { ...common, connectionName: `callcue-words-${this.nodeId}`, enableAutoPipelining: true });
    this.sub = new Redis(opts.url, { ...common, connectionName: `callcue-words-sub-${this.nodeId}` });
    for (const r of [this.pub, this.sub]) r.on('error', () => undefined); // the bus logs Redis trouble
  }

  private callKey(key: string): string {
    return `${this.prefix}:words:call:${key}`;
  }
  private inbox(node: string): string {
    return `${this.prefix}:words:to:${node}`;
  }
  private get openedChannel(): string {
    return `${this.prefix}:words:opened`;
  }

  async start(handlers: LinkHandlers): Promise<void> {
    this.sub.on('message', (channel: string, message: string) => {
      try {
        if (channel === this.openedChannel) {
          const keys = JSON.parse(message) as unknown;
          if (Array.isArray(keys)) handlers.opened(keys.filter((k): k is string => typeof k === 'string'));
          return;
        }
        const env = JSON.parse(message) as Envelope;
        if (!isObj(env) || typeof env.id !== 'number') return;
        if (env.t === 'w' && typeof env.from === 'string' && isObj(env.req)) {
          const outcome = handlers.words(env.req);
          void this.pub.publish(this.inbox(env.from), JSON.stringify({ t: 'r', id: env.id, outcome } satisfies Envelope)).catch(() => undefined);
        } else if (env.t === 'r' && isObj(env.outcome)) {
          const w = this.waiting.get(env.id);
          if (!w) return;
          this.waiting.delete(env.id);
          clearTimeout(w.timer);
          w.resolve(env.outcome);
        }
      } catch (err) {
        this.log.warn({ err: (err as Error).message.slice(0, 200) }, 'words link: an unreadable message was skipped');
      }
    });
    await this.sub.subscribe(this.inbox(this.nodeId), this.openedChannel);
    this.refreshTimer = setInterval(() => this.refresh(), REFRESH_MS);
    this.refreshTimer.unref();
  }

  async locate(key: string): Promise<LinkedCall | null> {
    const raw = await this.pub.get(this.callKey(key));
    if (!raw) return null;
    const v = JSON.parse(raw) as unknown;
    if (!isObj(v) || typeof v.node !== 'string' || !isObj(v.owner) || typeof v.owner.keyId !== 'string') return null;
    return { node: v.node, owner: v.owner as unknown as CallOwner, ended: v.ended === true };
  }

  announce(keys: readonly string[], owner: CallOwner): void {
    const value = JSON.stringify({ node: this.nodeId, owner, ended: false });
    const m = this.pub.multi();
    for (const k of keys) {
      m.set(this.callKey(k), value, 'EX', LIVE_TTL_S);
      this.live.set(k, value);
    }
    m.publish(this.openedChannel, JSON.stringify(keys));
    void m.exec().catch(() => undefined);
  }

  retire(keys: readonly string[], owner: CallOwner): void {
    const value = JSON.stringify({ node: this.nodeId, owner, ended: true });
    const m = this.pub.multi();
    for (const k of keys) {
      m.set(this.callKey(k), value, 'EX', Math.ceil(ENDED_MEMORY_MS / 1000));
      this.live.delete(k);
    }
    void m.exec().catch(() => undefined);
  }

  send(node: string, req: WordsRequest): Promise<WordsOutcome> {
    if (this.closed) return Promise.resolve(refused(ErrorCodes.SHUTTING_DOWN, 'this node is shutting down'));
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        resolve(refused(ErrorCodes.INTERNAL, `the node running call ${req.call.bridge}:${req.call.id} did not answer within ${SEND_TIMEOUT_MS} ms`));
      }, SEND_TIMEOUT_MS);
      this.waiting.set(id, { resolve, timer });
      void this.pub.publish(this.inbox(node), JSON.stringify({ t: 'w', id, from: this.nodeId, req } satisfies Envelope)).catch(() => undefined);
    });
  }

  private refresh(): void {
    if (this.live.size === 0) return;
    const m = this.pub.multi();
    for (const [k, value] of this.live) m.set(this.callKey(k), value, 'EX', LIVE_TTL_S);
    void m.exec().catch(() => undefined);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.refreshTimer) clearInterval(this.refreshTimer);
    for (const [id, w] of this.waiting) {
      clearTimeout(w.timer);
      w.resolve(refused(ErrorCodes.SHUTTING_DOWN, 'this node is shutting down'));
      this.waiting.delete(id);
    }
    this.sub.disconnect();
    try {
      await this.pub.quit();
    } catch {
      this.pub.disconnect();
    }
  }
}
