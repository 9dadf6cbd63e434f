// When may a process take another's live calls for dead? Only when that owner provably no longer
// runs: a real process of this machine that exited, or a pid that is ours but an owner id that is
// not. Another machine's owner, or a running process, is alive until its lease expires.

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { MACHINE_KEY, newOwner, ownerIsGone, retireOwner } from '../../src/storage/index.js';

describe('call owners', () => {
  it('knows a recorder of this process as alive, and an unknown owner id under our pid as gone', () => {
    const me = newOwner();
    expect(ownerIsGone(me)).toBe(false);
    retireOwner(me.ownerId);
    expect(ownerIsGone(me)).toBe(true);
    expect(ownerIsGone({ ownerId: 'host:1:restarted', machine: MACHINE_KEY, pid: process.pid })).toBe(true);
  });

  it('knows a running process of this machine as alive, and as gone once it exited', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
    const lease = { ownerId: `vm:${child.pid}:abcd`, machine: MACHINE_KEY, pid: child.pid! };
    expect(ownerIsGone(lease)).toBe(false);
    child.kill('SIGKILL');
    await once(child, 'exit');
    expect(ownerIsGone(lease)).toBe(true);
  });

  it('never judges an owner on another machine (or PID namespace) by its pid', () => {
    expect(ownerIsGone({ ownerId: 'other:1:x', machine: 'other-host|boot|pid:[1]', pid: 999_999_999 })).toBe(false);
    expect(ownerIsGone({ ownerId: 'other:1:x', machine: `${MACHINE_KEY}-elsewhere`, pid: process.pid })).toBe(false);
  });
});
