// The bus between nodes, several RedisBus instances in one process against a real redis-server:
// events reach every node in order, acknowledgements reach the owner, a node that joins late holds
// the live calls at once, and a Redis restart loses nothing.

import { afterEach, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import type { InternalEvent } from '../../src/frames/events.js';
import type { AckCommand } from '../../src/delivery/bus.js';
import { RedisBus } from '../../src/delivery/redis-bus.js';
import { Metrics } from '../../src/observability/metrics.js';
import { createLogger } from '../../src/observability/logger.js';
import { describeRedis, sleep, until } from './redis.js';
import { ScriptedCall } from './events.js';

const TIMINGS = { presenceIntervalMs: 200, presenceTtlMs: 600, snapshotIntervalMs: 100, snapshotTtlMs: 5000, hydrateLookbackMs: 2000 };
const open: RedisBus[] = [];
let prefixN = 0;

afterEach(async () => {
  await Promise.all(open.splice(0).map((b) => b.close()));
});

describeRedis('RedisBus between nodes', (redis) => {
  let prefix = '';
  const join = async (nodeId: string) => {
    const bus = await RedisBus.connect({ url: redis().url, logger: createLogger('silent'), metrics: new Metrics(), nodeId, prefix, timings: TIMINGS });
    open.push(bus);
    return bus;
  };
  const record = (bus: RedisBus) => {
    const seen: InternalEvent[] = [];
    bus.events$.subscribe((e) => seen.push(e));
    return seen;
  };
  const fresh = () => (prefix = `t${process.pid}-${++prefixN}`);

  it('carries every event of a call to the other node in order, and keeps its live state there', async () => {
    fresh();
    const a = await join('a');
    const b = await join('b');
    const onB = record(b);
    const ownOnB: InternalEvent[] = [];
    b.ownEvents$.subscribe((e) => ownOnB.push(e));
    const call = new ScriptedCall('c-order');
    a.publish(call.started());
    for (let i = 0; i < 50; i++) a.publish(call.transcript(`utterance ${i}`, i * 1000));
    a.publish(call.prompt('p-1'));
    await until(() => onB.length === 52, 'all 52 events on node b');
    expect(onB.map((e) => e.seq)).toEqual(Array.from({ length: 52 }, (_, i) => i + 1));
    const state = b.getCall('c-order')!;
    expect(state.lastSeq).toBe(52);
    expect(state.promptIds).toEqual(['p-1']);
    expect(b.liveCalls().map((c) => c.callId)).toEqual(['c-order']);
    expect(b.ownerOf('c-order')).toBe('a');
    // The recorder's view: node b runs no call, so it records none.
    expect(ownOnB).toEqual([]);
    a.publish(call.ended());
    await until(() => b.getCall('c-order') === undefined, 'the call gone from node b');
    expect(onB.at(-1)).toMatchObject({ type: 'call.ended', seq: 53 });
  });

  it('sends an acknowledgement made on another node to the node that owns the call', async () => {
    fresh();
    const a = await join('a');
    const b = await join('b');
    const acksOnA: AckCommand[] = [];
    const acksOnB: AckCommand[] = [];
    a.acks$.subscribe((x) => acksOnA.push(x));
    b.acks$.subscribe((x) => acksOnB.push(x));
    const call = new ScriptedCall('c-ack');
    a.publish(call.started());
    a.publish(call.prompt('p-7'));
    await until(() => b.getCall('c-ack')?.promptIds.includes('p-7'), 'the prompt on node b');
    b.sendAck({ callId: 'c-ack', promptId: 'p-7', action: 'used', agentId: 'agent-c-ack', arrivalMs: 1 });
    await until(() => acksOnA.length === 1, 'the ack on node a');
    expect(acksOnA[0]).toMatchObject({ promptId: 'p-7', action: 'used' });
    // The owner's own acks never need Redis, and no other node acts on them.
    a.sendAck({ callId: 'c-ack', promptId: 'p-7', action: 'helpful', agentId: 'agent-c-ack', arrivalMs: 2 });
    expect(acksOnA.map((x) => x.action)).toEqual(['used', 'helpful']);
    await sleep(200);
    expect(acksOnB).toEqual([]);
  });

  it('a node that joins late holds every live call at once: from snapshots, and from the stream for a call seconds old', async () => {
    fresh();
    const a = await join('a');
    const old = new ScriptedCall('c-old');
    a.publish(old.started());
    for (let i = 0; i < 20; i++) a.publish(old.transcript(`line ${i}`, i * 1000));
    await sleep(400); // several snapshot rounds
    const young = new ScriptedCall('c-young');
    a.publish(young.started());
    a.publish(young.prompt('p-young'));
    const c = await join('c');
    expect(c.getCall('c-old')?.lastSeq).toBe(21);
    expect(c.getCall('c-old')?.transcript).toHaveLength(20);
    expect(c.getCall('c-young')?.promptIds).toEqual(['p-young']);
    const onC = record(c);
    a.publish(old.transcript('after the join', 99_000));
    await until(() => onC.length === 1, 'the next event on node c');
    expect(onC[0]!.seq).toBe(22);
  });

  it('skips entries delivered twice (a write resent after a reconnect)', async () => {
    fresh();
    const a = await join('a');
    const b = await join('b');
    const onB = record(b);
    const call = new ScriptedCall('c-dup');
    const started = call.started();
    const t = call.transcript('hello', 0);
    a.publish(started);
    a.publish(t);
    await until(() => onB.length === 2, 'two events on node b');
    const raw = new Redis(redis().url);
    await raw.xadd(`${prefix}:bus`, '*', 'k', 'e', 'n', 'a', 'd', JSON.stringify(t));
    await raw.xadd(`${prefix}:bus`, '*', 'k', 'e', 'n', 'a', 'd', JSON.stringify(started));
    await raw.xadd(`${prefix}:bus`, '*', 'k', 'e', 'n', 'a', 'd', '{not json');
    raw.disconnect();
    a.publish(call.transcript('next', 1000));
    await until(() => onB.length >= 3, 'the third event on node b');
    await sleep(100);
    expect(onB.map((e) => e.seq)).toEqual([1, 2, 3]);
  });

  it('survives Redis restarting empty mid-call: every event published meanwhile reaches the other node, in order, once', async () => {
    fresh();
    const a = await join('a');
    const b = await join('b');
    const onB = record(b);
    const call = new ScriptedCall('c-restart');
    a.publish(call.started());
    for (let i = 0; i < 10; i++) a.publish(call.transcript(`before ${i}`, i * 1000));
    await until(() => onB.length === 11, 'the events before the restart');
    await redis().kill();
    // The call goes on while Redis is away: its own node keeps it whole.
    for (let i = 0; i < 10; i++) a.publish(call.transcript(`during ${i}`, (10 + i) * 1000));
    expect(a.getCall('c-restart')?.lastSeq).toBe(21);
    await sleep(300);
    await redis().restart();
    for (let i = 0; i < 10; i++) a.publish(call.transcript(`after ${i}`, (20 + i) * 1000));
    a.publish(call.ended());
    await until(() => onB.some((e) => e.type === 'call.ended'), 'call.ended on node b after the restart', 15_000);
    expect(onB.map((e) => e.seq)).toEqual(Array.from({ length: 32 }, (_, i) => i + 1));
    // And a node joining after the restart finds the live calls again from the rewritten snapshots.
    const live = new ScriptedCall('c-after');
    a.publish(live.started());
    a.publish(live.transcript('x', 0));
    await sleep(400);
    const c = await join('c');
    expect(c.getCall('c-after')?.lastSeq).toBe(2);
  });
});
