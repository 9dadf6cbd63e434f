// Words beside the audio find their call: on this node (applied at once), on another node of the
// cluster (sent there over the link), or nowhere yet — then they are held, in order, until the
// call's audio opens (applied then) or the hold runs out (UNKNOWN_CALL). A sender reaches only the
// calls it owns (types.ts mayReach); another tenant's call is, to it, a call that does not exist.

import { ErrorCodes } from '../errors.js';
import { nowMs } from '../frames/clock.js';
import { TokenBucket } from '../ingest/limits.js';
import type { CallManager } from '../pipeline/calls.js';
import type { Metrics } from '../observability/metrics.js';
import { WordsDirectory, type LiveCall } from './directory.js';
import { applyWords } from './apply.js';
import type { WordsLink } from './link.js';
import { wordsMetrics, type WordsMetrics, type WordsResult } from './metrics.js';
import { callKey, mayReach, refused, senderKey, type WordsOutcome, type WordsRequest } from './types.js';

export interface WordsRouterOptions {
  /** How long words wait for their call's audio to open, ms. */
  holdMs: number;
  /** Messages held per call (and sender) while it has not opened. */
  holdMax: number;
  /** How long a call with words beside its audio waits after its stop for the last of them, ms. */
  afterStopMs: number;
}

/** Messages of words one call may receive per second (bursts of two seconds); more are RATE_LIMITED. */
export const WORDS_PER_CALL_PER_S = 50;
/** Calls with words held at once on a node; beyond, words for yet another unknown call are refused. */
export const MAX_HELD_CALLS = 10_000;
/** With a link, how often held words look again for their call (a call may open between look and wait). */
const RELOOK_MS = 500;
/** A remote location is reused this long before it is looked up again. */
const LOCATION_TTL_MS = 5_000;

interface Pending {
  req: WordsRequest;
  receivedMs: number;
  resolve(o: WordsOutcome): void;
}

interface Queue {
  key: string;
  items: Pending[];
  wake: (() => void) | null;
}

type Where = { kind: 'here'; call: LiveCall } | { kind: 'there'; node: string } | { kind: 'ended' } | { kind: 'nowhere' };

export class WordsRouter {
  private readonly directory: WordsDirectory;
  private readonly queues = new Map<string, Queue>();
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly located = new Map<string, { node: string; untilMs: number }>();
  private readonly m: WordsMetrics;
  private link: WordsLink | null = null;
  private closed = false;
  private heldCount = 0;

  constructor(
    calls: CallManager,
    metrics: Metrics,
    private readonly options: WordsRouterOptions,
  ) {
    this.m = wordsMetrics(metrics);
    this.directory = new WordsDirectory(calls, {
      opened: (call) => {
        this.link?.announce(call.keys, call.owner);
        this.wake(call.keys);
      },
      ended: (call) => this.link?.retire(call.keys, call.owner),
    });
  }

  /** Joins the cluster: words for calls on other nodes are sent there, theirs for ours come here. */
  async connect(link: WordsLink): Promise<void> {
    this.link = link;
    await link.start({ words: (req) => this.applyHere(req), opened: (keys) => this.wake(keys) });
  }

  deliver(req: WordsRequest): Promise<WordsOutcome> {
    const key = callKey(req.call);
    if (this.closed) return Promise.resolve(this.count('shutting_down', refused(ErrorCodes.SHUTTING_DOWN, 'this node is shutting down')));
    // Per call and sender: words naming another tenant's call cannot use up the owner's allowance.
    const qKey = `${key}|${senderKey(req.sender)}`;
    if (!this.takeToken(qKey)) {
      return Promise.resolve(this.count('rate_limited', refused(ErrorCodes.RATE_LIMITED, `over ${WORDS_PER_CALL_PER_S} messages a second for call ${key}: dropped`)));
    }
    const queue = this.queues.get(qKey);
    if (!queue) {
      // The common case: the call runs here, nothing is queued for it, the words go in at once.
      const where = this.whereHere(req, key);
      if (where.kind === 'here') return Promise.resolve(this.apply(where.call, req, req.arrivalMs));
      if (where.kind === 'ended') return Promise.resolve(this.ended(key));
    } else if (queue.items.length >= this.options.holdMax) {
      return Promise.resolve(this.count('hold_full', refused(ErrorCodes.UNKNOWN_CALL, `call ${key} has not opened and ${this.options.holdMax} messages already wait for it: dropped`)));
    }
    if (!queue && this.queues.size >= MAX_HELD_CALLS) {
      return Promise.resolve(this.count('hold_full', refused(ErrorCodes.UNKNOWN_CALL, `no call ${key} here, and words for ${MAX_HELD_CALLS} unknown calls already wait: dropped`)));
    }
    return new Promise((resolve) => {
      const q = queue ?? { key, items: [], wake: null };
      q.items.push({ req, receivedMs: nowMs(), resolve });
      this.setHeld(+1);
      if (!queue) {
        this.queues.set(qKey, q);
        void this.drain(qKey, q);
      }
    });
  }

  /** Words a node of the cluster routed here. */
  applyHere(req: WordsRequest): WordsOutcome {
    const key = callKey(req.call);
    const where = this.whereHere(req, key);
    if (where.kind === 'here') return this.apply(where.call, req, req.arrivalMs);
    if (where.kind === 'ended') return this.ended(key);
    return this.count('unknown_call', refused(ErrorCodes.UNKNOWN_CALL, `call ${key} does not run on the node it was sent to`));
  }

  /** Answers everything still held (SHUTTING_DOWN) and refuses what comes after. */
  close(): void {
    this.closed = true;
    for (const q of this.queues.values()) q.wake?.();
  }

  private whereHere(req: WordsRequest, key: string): Where {
    const call = this.directory.find(key);
    if (call && mayReach(req.sender, call.owner)) return { kind: 'here', call };
    const owner = this.directory.endedRecently(key);
    if (owner && mayReach(req.sender, owner)) return { kind: 'ended' };
    return { kind: 'nowhere' };
  }

  private async where(req: WordsRequest, key: string): Promise<Where> {
    const here = this.whereHere(req, key);
    if (here.kind !== 'nowhere' || !this.link) return here;
    const cached = this.located.get(key);
    if (cached && cached.untilMs > Date.now()) return { kind: 'there', node: cached.node };
    const found = await this.link.locate(key).catch(() => null);
    if (!found || !mayReach(req.sender, found.owner)) return { kind: 'nowhere' };
    if (found.ended) return { kind: 'ended' };
    // Our own key for a call no longer in the directory: it is ending; look again shortly.
    if (found.node === this.link.nodeId) return this.whereHere(req, key);
    if (this.located.size >= 4 * MAX_HELD_CALLS) this.located.clear();
    this.located.set(key, { node: found.node, untilMs: Date.now() + LOCATION_TTL_MS });
    return { kind: 'there', node: found.node };
  }

  /** Works one queue until it is empty: its words go, in order, wherever their call turns out to be. */
  private async drain(qKey: string, q: Queue): Promise<void> {
    while (q.items.length > 0) {
      const head = q.items[0]!;
      const where = this.closed ? ({ kind: 'closed' } as const) : await this.where(head.req, q.key);
      if (where.kind === 'nowhere') {
        const waitMs = head.receivedMs + this.options.holdMs - nowMs();
        if (waitMs > 0) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(() => done(), this.link ? Math.min(waitMs, RELOOK_MS) : waitMs);
            const done = () => {
              clearTimeout(timer);
              q.wake = null;
              resolve();
            };
            q.wake = done;
          });
          continue;
        }
        this.settle(q, this.count('unknown_call', refused(ErrorCodes.UNKNOWN_CALL, `no call ${q.key} opened within ${this.options.holdMs} ms: dropped`)));
        continue;
      }
      const p = q.items.shift()!;
      this.setHeld(-1);
      switch (where.kind) {
        case 'here': {
          const now = nowMs();
          this.m.heldMs.observe(now - p.receivedMs);
          // Latency is counted from when the words could be used: the call's opening.
          p.resolve(this.apply(where.call, p.req, Math.max(p.req.arrivalMs, now)));
          break;
        }
        case 'there':
          p.resolve(await this.sendThere(where.node, q.key, p.req));
          break;
        case 'ended':
          p.resolve(this.ended(q.key));
          break;
        case 'closed':
          p.resolve(this.count('shutting_down', refused(ErrorCodes.SHUTTING_DOWN, 'this node is shutting down')));
          break;
      }
    }
    this.queues.delete(qKey);
  }

  private settle(q: Queue, outcome: WordsOutcome): void {
    q.items.shift()!.resolve(outcome);
    this.setHeld(-1);
  }

  private async sendThere(node: string, key: string, req: WordsRequest): Promise<WordsOutcome> {
    const outcome = await this.link!.send(node, req);
    if (!outcome.ok && outcome.code !== ErrorCodes.CALL_ENDED) this.located.delete(key);
    this.m.results.inc({ result: outcome.ok ? 'routed' : outcome.code === ErrorCodes.INTERNAL ? 'no_answer' : 'unknown_call' });
    return outcome;
  }

  private apply(call: LiveCall, req: WordsRequest, arrivalMs: number): WordsOutcome {
    const { outcome, result } = applyWords(call, req, arrivalMs, this.options.afterStopMs);
    return this.count(result, outcome);
  }

  private ended(key: string): WordsOutcome {
    return this.count('call_ended', refused(ErrorCodes.CALL_ENDED, `call ${key} has ended`));
  }

  private wake(keys: readonly string[]): void {
    if (this.queues.size === 0) return;
    const wanted = new Set(keys);
    for (const q of this.queues.values()) if (wanted.has(q.key)) q.wake?.();
  }

  private takeToken(key: string): boolean {
    const now = performance.now();
    let b = this.buckets.get(key);
    if (!b) {
      // Bounded: a full map starts over (a bucket forgotten only refills early).
      if (this.buckets.size >= 4 * MAX_HELD_CALLS) this.buckets.clear();
      b = new TokenBucket(WORDS_PER_CALL_PER_S, WORDS_PER_CALL_PER_S * 2, now);
      this.buckets.set(key, b);
    }
    return b.take(now);
  }

  private setHeld(delta: number): void {
    this.heldCount += delta;
    this.m.held.set(this.heldCount);
  }

  private count(result: WordsResult, outcome: WordsOutcome): WordsOutcome {
    this.m.results.inc({ result });
    return outcome;
  }
}
