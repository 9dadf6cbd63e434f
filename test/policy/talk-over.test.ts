// Turn-taking from both tracks' voice activity: talk-over and dead air, with the tracks arriving
// skewed by up to seconds and in messages of any size (hops wait in a queue for the other track).

import { describe, expect, it } from 'vitest';
import { TurnTaking, type TurnEvent } from '../../src/policy/talk-over.js';

const HOP_MS = 10;
const LIMITS = () => ({ talkOverMs: 500, silenceMs: 3000 });

/** Per-hop activity: runs of [hops, speech]. */
function activity(...runs: Array<[number, 0 | 1]>): Uint8Array {
  return Uint8Array.from(runs.flatMap(([n, v]) => Array.from({ length: n }, () => v)));
}

/** Feeds both tracks in messages of `callerHops` / `agentHops`, the caller `leadMessages` ahead. */
function run(caller: Uint8Array, agent: Uint8Array, callerHops: number, agentHops: number, leadMessages: number): TurnEvent[] {
  const turns = new TurnTaking(HOP_MS);
  const events: TurnEvent[] = [];
  let c = 0;
  let a = 0;
  for (let i = 0; i < leadMessages && c < caller.length; i++, c += callerHops) events.push(...turns.push('caller', caller.subarray(c, c + callerHops), Math.min(callerHops, caller.length - c), LIMITS));
  while (c < caller.length || a < agent.length) {
    if (a < agent.length) {
      events.push(...turns.push('agent', agent.subarray(a, a + agentHops), Math.min(agentHops, agent.length - a), LIMITS));
      a += agentHops;
    }
    if (c < caller.length) {
      events.push(...turns.push('caller', caller.subarray(c, c + callerHops), Math.min(callerHops, caller.length - c), LIMITS));
      c += callerHops;
    }
  }
  return events;
}

describe('TurnTaking', () => {
  // The caller talks 0-3 s; the agent cuts in at 1 s (talking from its 10th speech hop, 1.09 s:
  // 500 ms of overlap at 1.58 s) and talks to 2.5 s; then both are silent 4 s (less the
  // hangovers), then the caller speaks again.
  const caller = activity([300, 1], [400, 0], [100, 1]);
  const agent = activity([100, 0], [150, 1], [550, 0]);
  const expected: TurnEvent[] = [
    { kind: 'talk-over', atMs: 1580, overlapMs: 500 },
    { kind: 'silence', atMs: 3290, silenceMs: 3800 },
  ];

  it('reports the agent talking over the caller once, and dead air between turns', () => {
    expect(run(caller, agent, 2, 2, 0)).toEqual(expected);
  });

  it('gives the same events however the tracks are cut into messages and skewed', () => {
    for (const [callerHops, agentHops, lead] of [
      [2, 2, 150],
      [7, 3, 0],
      [1, 64, 3],
      [100, 2, 4],
    ] as const) {
      expect(run(caller, agent, callerHops, agentHops, lead), `${callerHops}/${agentHops}, lead ${lead}`).toEqual(expected);
    }
  });
});
