// Who owns a live call's record. Each recorder holds a lease in the database that it renews while
// it runs; a process may close out (mark incomplete) only the calls of an owner that is really
// gone: its lease expired, or — on this very machine — its process no longer exists. That keeps a
// second process on the same database (another node, `callcue analyze --db`, a restarted service
// beside a running one) from declaring a running service's calls dead, while a service restarted
// after a crash still closes out its predecessor's calls at once.

import { randomUUID } from 'node:crypto';
import { readFileSync, readlinkSync } from 'node:fs';
import { hostname } from 'node:os';

/** One recorder's lease, as stored in call_owners. */
export interface OwnerLease {
  ownerId: string;
  /** Where the owner runs: host, boot and PID namespace (see machineKey); pids compare only within one. */
  machine: string;
  pid: number;
  startedAtMs: number;
  /** Wall-clock ms of the last renewal. */
  heartbeatMs: number;
}

/** Owner ids of the recorders running in this process: a pid equal to ours is alive only if listed. */
const inThisProcess = new Set<string>();

function readProc(read: () => string): string | null {
  try {
    return read().trim();
  } catch {
    return null;
  }
}

/**
 * The host, its boot and this process's PID namespace: two processes with the same key see the
 * same pids, so one can ask the kernel whether the other still runs. Containers that share a
 * host name (host networking) differ in their PID namespace; a reboot changes the boot id. Where
 * /proc is missing the key ends in '?' and only lease expiry can prove an owner gone.
 */
export const MACHINE_KEY = (() => {
  const boot = readProc(() => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8'));
  const pidNs = readProc(() => readlinkSync('/proc/self/ns/pid'));
  return boot && pidNs ? `${hostname()}|${boot}|${pidNs}` : `${hostname()}|?`;
})();

/** A new owner identity for a recorder of this process, registered as alive until `retire`. */
export function newOwner(nowMs = Date.now()): OwnerLease {
  const ownerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  inThisProcess.add(ownerId);
  return { ownerId, machine: MACHINE_KEY, pid: process.pid, startedAtMs: nowMs, heartbeatMs: nowMs };
}

export function retireOwner(ownerId: string): void {
  inThisProcess.delete(ownerId);
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * True only when the lease's process provably no longer runs: it ran on this machine (same key)
 * and its pid is gone, or is ours while the owner is not one of this process's recorders (a
 * container restarted as pid 1 again). Anything else waits for the lease to expire.
 */
export function ownerIsGone(lease: Pick<OwnerLease, 'ownerId' | 'machine' | 'pid'>): boolean {
  if (lease.machine !== MACHINE_KEY || MACHINE_KEY.endsWith('|?')) return false;
  if (lease.pid === process.pid) return !inThisProcess.has(lease.ownerId);
  return !pidAlive(lease.pid);
}
