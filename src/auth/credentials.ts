// Who is connecting: bridges by API key, agents and supervisors by token. Secrets are compared in
// constant time (through fixed-length digests, so length leaks nothing either) and never logged.

import { createHash, timingSafeEqual } from 'node:crypto';
import type { Config } from '../config/schema.js';

export type Principal =
  | { role: 'agent'; agentId: string }
  | { role: 'supervisor'; supervisorId: string; /** empty = all agents */ agentIds: readonly string[] };

export interface BridgeIdentity {
  /** A stable, non-secret name for the key used (for per-key limits and logs). */
  keyId: string;
}

const digest = (s: string) => createHash('sha256').update(s).digest();

export function secretEquals(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.') || address === 'localhost';
}

/** True when bridges and feeds are open without credentials (allowed on loopback only). */
export function isOpen(config: Config): boolean {
  return config.apiKeys.length === 0 && config.agentTokens.length === 0 && config.supervisorTokens.length === 0;
}

/** The bridge's key, from `Authorization: Bearer`, `X-API-Key`, or a `key` query parameter. */
export function bridgeKeyFrom(headers: Record<string, string | string[] | undefined>, query: Record<string, unknown>): string | undefined {
  const auth = headers['authorization'];
  if (typeof auth === 'string' && /^bearer /i.test(auth)) return auth.slice(7).trim();
  const x = headers['x-api-key'];
  if (typeof x === 'string') return x;
  return typeof query.key === 'string' ? query.key : undefined;
}

export function authenticateBridge(config: Config, key: string | undefined, remote: string | undefined): BridgeIdentity | null {
  if (config.apiKeys.length === 0) return isLoopback(remote) ? { keyId: 'loopback' } : null;
  if (!key) return null;
  let found = -1;
  // Compare against every key so timing does not reveal which one matched.
  config.apiKeys.forEach((k, i) => {
    if (secretEquals(k, key)) found = i;
  });
  return found >= 0 ? { keyId: `key${found}` } : null;
}

/**
 * A feed's principal. With tokens configured the token decides (an agent token proves its agent id);
 * without, loopback clients are trusted: `agentId` makes an agent feed, none a supervisor view.
 */
export function authenticateFeed(
  config: Config,
  token: string | undefined,
  agentId: string | undefined,
  remote: string | undefined,
): Principal | null {
  if (config.agentTokens.length === 0 && config.supervisorTokens.length === 0) {
    if (!isLoopback(remote)) return null;
    return agentId ? { role: 'agent', agentId } : { role: 'supervisor', supervisorId: 'loopback', agentIds: [] };
  }
  if (!token) return null;
  let principal: Principal | null = null;
  for (const a of config.agentTokens) {
    if (secretEquals(a.token, token)) principal = { role: 'agent', agentId: a.agentId };
  }
  for (const s of config.supervisorTokens) {
    if (secretEquals(s.token, token)) principal = { role: 'supervisor', supervisorId: s.supervisorId, agentIds: s.agentIds };
  }
  if (principal?.role === 'agent' && agentId && agentId !== principal.agentId) return null;
  return principal;
}

/** Whether a principal may see a call handled by `agentId`. */
export function maySee(p: Principal, agentId: string): boolean {
  if (p.role === 'agent') return p.agentId === agentId;
  return p.agentIds.length === 0 || p.agentIds.includes(agentId);
}
