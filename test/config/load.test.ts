// Configuration: defaults, environment and file sources, frozen, and errors that name the setting.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { checkExposure } from '../../src/server.js';

describe('configuration', () => {
  it('has working defaults: loopback on 8080, 100 ms budget', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 8080, host: '127.0.0.1', latencyBudgetMs: 100, apiKeys: [] });
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.apiKeys)).toBe(true);
  });

  it('reads PORT, HOST and CALLCUE_* variables', () => {
    const c = loadConfig({
      PORT: '9090',
      HOST: '0.0.0.0',
      CALLCUE_API_KEYS: 'k1-0123456789abcdef,k2-0123456789abcdef',
      CALLCUE_AGENT_TOKENS: 'alice:tok-alice-0123456789,bob:tok-bob-0123456789ab',
      CALLCUE_SUPERVISOR_TOKENS: 'sup1:tok-sup1-0123456789:alice|bob',
      CALLCUE_MAX_CALLS: '12',
      CALLCUE_LATENCY_BUDGET_MS: '80',
      CALLCUE_WORDS_AFTER_STOP_MS: '1500',
    });
    expect(c.port).toBe(9090);
    expect(c.apiKeys).toHaveLength(2);
    expect(c.agentTokens).toEqual([
      { agentId: 'alice', token: 'tok-alice-0123456789' },
      { agentId: 'bob', token: 'tok-bob-0123456789ab' },
    ]);
    expect(c.supervisorTokens[0]).toEqual({ supervisorId: 'sup1', token: 'tok-sup1-0123456789', agentIds: ['alice', 'bob'] });
    expect(c.maxCalls).toBe(12);
    expect(c.latencyBudgetMs).toBe(80);
    expect(c.wordsAfterStopMs).toBe(1500);
    expect(loadConfig({}).wordsAfterStopMs).toBe(3000);
  });

  it('takes a JSON file, with the environment on top', () => {
    const dir = mkdtempSync(join(tmpdir(), 'callcue-cfg-'));
    const file = join(dir, 'callcue.json');
    writeFileSync(file, JSON.stringify({ maxCalls: 7, windowMs: 2000, port: 1234 }));
    const c = loadConfig({ CALLCUE_CONFIG: file, PORT: '4321' });
    expect(c).toMatchObject({ maxCalls: 7, windowMs: 2000, port: 4321 });
  });

  it('a bad value names the setting it came from', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ CALLCUE_MAX_CALLS: '-3' })).toThrow(/CALLCUE_MAX_CALLS/);
    expect(() => loadConfig({ CALLCUE_API_KEYS: 'short' })).toThrow(/CALLCUE_API_KEYS/);
    const dir = mkdtempSync(join(tmpdir(), 'callcue-cfg-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ windowMs: 'long', colour: 'blue' }));
    expect(() => loadConfig({ CALLCUE_CONFIG: file })).toThrow(/windowMs.*bad\.json|bad\.json/);
    writeFileSync(file, JSON.stringify({ colour: 'blue' }));
    expect(() => loadConfig({ CALLCUE_CONFIG: file })).toThrow(/colour/);
  });

  it('refuses to expose an unauthenticated service beyond loopback', () => {
    expect(() => checkExposure(loadConfig({ HOST: '0.0.0.0' }))).toThrow(/CALLCUE_API_KEYS/);
    expect(() => checkExposure(loadConfig({ HOST: '127.0.0.1' }))).not.toThrow();
    expect(() =>
      checkExposure(loadConfig({ HOST: '0.0.0.0', CALLCUE_API_KEYS: 'k1-0123456789abcdef', CALLCUE_AGENT_TOKENS: 'a:tok-a-0123456789abcd' })),
    ).not.toThrow();
  });

  it('the process stops with a message naming the setting', () => {
    // The built entry point, as `npm start` runs it (npm test builds first).
    const r = spawnSync(process.execPath, ['dist/src/main.js'], {
      env: { ...process.env, PORT: 'eighty', CALLCUE_DB_URL: 'sqlite::memory:' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/PORT/);
  });
});
