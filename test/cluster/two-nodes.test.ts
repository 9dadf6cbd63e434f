// Two callcue processes sharing a real redis-server: the bridge on one node, the agent's screen on
// the other. Every prompt reaches the other node in order, acknowledgements travel back, a feed
// may reconnect to either node, a call id is unique across the cluster, each call is recorded by
// the node that runs it, a Redis restart mid-call is survived, and a node killed mid-call has its
// calls ended with reason node_lost while the other node's calls carry on.

import { afterAll, beforeAll, expect, it } from 'vitest';
import type { NodeProcess } from '../../src/cli/soak-node.js';
import { TestSocket } from '../helpers/ws-client.js';
import { describeRedis, sleep } from './redis.js';
import { ClusterCall, clusterNode, eventsOf, feedOn, gapFree, type Turn } from './nodes.js';

const ANGRY: Turn[] = [
  ['agent', 'Good morning, thank you for calling First Bank, my name is Anna from the cards team.'],
  ['caller', "This is the third time I'm calling, I want to file a complaint!"],
  ['agent', "I'm sorry to hear that. Just to confirm, you were charged twice for the same purchase?"],
  ['caller', 'Put me through to your manager right now.'],
  ['caller', "If this isn't fixed I'm going to the financial ombudsman."],
];

describeRedis('two callcue nodes on one Redis', (redis) => {
  let a: NodeProcess;
  let b: NodeProcess;
  beforeAll(async () => {
    [a, b] = await Promise.all([clusterNode(redis().url), clusterNode(redis().url)]);
  });
  afterAll(async () => {
    await Promise.all([a?.kill(), b?.kill()]);
  });

  it('bridge on node A, agent on node B: every prompt in order, acks both ways, reconnect anywhere, one call id, one record', async () => {
    const feedA = await feedOn(a, 'ag-x1');
    const feedB = await feedOn(b, 'ag-x1');
    const call = await ClusterCall.start(a, 'x1', 'ag-x1');
    await call.turn(ANGRY[0]!);
    await call.turn(ANGRY[1]!);
    const firstB = await feedB.nextType('prompt');
    expect(firstB.rule).toBe('empathy.onset.anger');

    // The same call id cannot start on the other node while it is live.
    await expect(ClusterCall.start(b, 'x1', 'ag-x1')).rejects.toMatchObject({ code: 'DUPLICATE_CALL' });

    // An ack sent on node B reaches the pipeline on node A, and comes back to both screens.
    feedB.send({ type: 'ack', promptId: firstB.promptId, action: 'helpful' });
    const ackedB = await feedB.nextType('acked');
    const ackedA = await feedA.nextType('acked');
    for (const m of [ackedA, ackedB]) expect(m).toMatchObject({ promptId: firstB.promptId, action: 'helpful', agentId: 'ag-x1', rule: 'empathy.onset.anger' });
    expect(ackedB.seq).toBe(ackedA.seq);

    // A screen that reconnects to node B draws the call at once.
    const again = await TestSocket.open(`${b.wsUrl}/v1/feed?agentId=ag-x1`);
    const state = await again.nextType('call.state');
    expect(state.callId).toBe('x1');
    expect((state.prompts as { promptId: string }[]).map((p) => p.promptId)).toContain(firstB.promptId);
    expect((state.acks as { promptId: string }[]).map((p) => p.promptId)).toContain(firstB.promptId);
    expect(state.seq).toBeGreaterThanOrEqual(ackedB.seq as number);

    for (const t of ANGRY.slice(2)) await call.turn(t);
    await call.stop();
    await feedA.nextType('call.ended');
    await feedB.nextType('call.ended');
    await again.nextType('call.ended');

    const onA = eventsOf(feedA, 'x1');
    const onB = eventsOf(feedB, 'x1');
    // Node B saw exactly what node A saw: every event, in order, gap-free.
    expect(gapFree(onB.map((m) => m.seq as number))).toBe(true);
    expect(onB.map((m) => `${m.seq}:${m.type}`)).toEqual(onA.map((m) => `${m.seq}:${m.type}`));
    const promptsA = onA.filter((m) => m.type === 'prompt').map((m) => [m.promptId, m.rule]);
    const promptsB = onB.filter((m) => m.type === 'prompt').map((m) => [m.promptId, m.rule]);
    expect(promptsB).toEqual(promptsA);
    expect(promptsB.map(([, rule]) => rule)).toEqual(expect.arrayContaining(['empathy.onset.anger', 'escalation.intermediate', 'escalation.advanced']));
    // Latency is still measured from the input's arrival on node A.
    for (const p of onB.filter((m) => m.type === 'prompt')) expect(p.latencyMs as number).toBeGreaterThanOrEqual(0);

    // Only the node that ran the call recorded it.
    const recA = await fetch(`${a.url}/v1/calls/x1`);
    expect(recA.status).toBe(200);
    const record = (await recA.json()) as { prompts?: unknown[] };
    expect(record.prompts?.length).toBe(promptsA.length);
    expect((await fetch(`${b.url}/v1/calls/x1`)).status).toBe(404);
    await Promise.all([feedA.close(), feedB.close(), again.close()]);
  });

  it('survives Redis restarting mid-call: the call goes on and node B keeps receiving, gap-free', async () => {
    const feedB = await feedOn(b, 'ag-x2');
    const call = await ClusterCall.start(a, 'x2', 'ag-x2');
    await call.turn(['caller', 'Hello, I have a question about my card.'], 10, 1500);
    await feedB.next((m) => m.callId === 'x2' && m.type === 'transcript');
    await redis().kill();
    await call.turn(['caller', 'It was declined at the shop this morning.'], 10, 1500);
    await sleep(500);
    await redis().restart();
    await call.turn(['caller', 'Can you tell me why it was declined?'], 10, 1500);
    const after = await feedB.next((m) => m.callId === 'x2' && m.type === 'transcript' && String(m.text).includes('why it was declined'));
    expect(after).toBeTruthy();
    await call.stop();
    const ended = await feedB.next((m) => m.callId === 'x2' && m.type === 'call.ended');
    expect(ended.reason).toBe('stop');
    const seqs = eventsOf(feedB, 'x2').map((m) => m.seq as number);
    expect(gapFree(seqs)).toBe(true);
    // The transcript sent while Redis was down arrived too.
    expect(eventsOf(feedB, 'x2').some((m) => m.type === 'transcript' && String(m.text).includes('declined at the shop'))).toBe(true);
    await feedB.close();
  });

  it('a node killed mid-call: its calls end with reason node_lost on the other node, whose own calls carry on', async () => {
    const feed = await TestSocket.open(`${b.wsUrl}/v1/feed`); // a supervisor's view: every call
    await feed.nextType('hello');
    const onA = await ClusterCall.start(a, 'x3', 'ag-x3');
    const onB = await ClusterCall.start(b, 'y3', 'ag-y3');
    await Promise.all([onA.turn(['caller', 'My card was blocked.'], 20, 1500), onB.turn(['caller', 'I need a new PIN.'], 20, 1500)]);
    await feed.next((m) => m.callId === 'x3' && m.type === 'transcript');
    await a.kill();
    const lost = await feed.next((m) => m.callId === 'x3' && m.type === 'call.ended');
    expect(lost.reason).toBe('node_lost');
    const before = eventsOf(feed, 'x3').filter((m) => m.type !== 'call.ended');
    expect(lost.seq).toBe((before.at(-1)!.seq as number) + 1);
    expect(gapFree(eventsOf(feed, 'x3').map((m) => m.seq as number))).toBe(true);
    // Node B's call was never touched.
    expect(feed.messages.some((m) => m.callId === 'y3' && m.type === 'call.ended')).toBe(false);
    await onB.turn(['caller', 'Is the new PIN sent by post?'], 20, 1500);
    await feed.next((m) => m.callId === 'y3' && m.type === 'transcript' && String(m.text).includes('by post'));
    await onB.stop();
    const ended = await feed.next((m) => m.callId === 'y3' && m.type === 'call.ended');
    expect(ended.reason).toBe('stop');
    expect(gapFree(eventsOf(feed, 'y3').map((m) => m.seq as number))).toBe(true);
    // And the call id is free again: a bridge that comes back on node B may start it there.
    const back = await ClusterCall.start(b, 'x3', 'ag-x3');
    await back.stop();
    await feed.close();
  });
});
