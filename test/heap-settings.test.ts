// The heap settings (src/heap-settings.ts): the growth cap is a setting with a default, and every
// launcher of the service passes the main thread's flags, so a node in Docker, under `npm start` and
// in the bench and soak (spawnNode) runs with the same heaps.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/index.js';
import { packagePath } from '../src/config/paths.js';
import { MAIN_NODE_FLAGS } from '../src/heap-settings.js';

describe('heap settings', () => {
  it('leaves heap growth to V8 by default; CALLCUE_HEAP_GROWTH_PCT caps it', () => {
    expect(loadConfig({}).heapGrowthPct).toBe(0);
    expect(loadConfig({ CALLCUE_HEAP_GROWTH_PCT: '30' }).heapGrowthPct).toBe(30);
    expect(() => loadConfig({ CALLCUE_HEAP_GROWTH_PCT: '-5' })).toThrow(/heapGrowthPct|CALLCUE_HEAP_GROWTH_PCT/);
  });

  it('are passed by the Dockerfile and npm start, as spawnNode passes them', () => {
    const dockerfile = readFileSync(packagePath('docker/Dockerfile'), 'utf8');
    const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(dockerfile)![1]!) as string[];
    const start = (JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start.split(' ');
    for (const launcher of [cmd, start]) expect(launcher).toEqual(['node', ...MAIN_NODE_FLAGS, 'dist/src/main.js']);
  });

  it('leave a thread started after boot its own young generation, not the main thread\'s', () => {
    // Launched as the service is; a thread that asks for twice the main thread's young generation
    // allocates until V8 has grown it, and reports how large it got.
    const settings = pathToFileURL(packagePath('dist/src/heap-settings.js')).href;
    const script = `
      import { Worker } from 'node:worker_threads';
      import { applyHeapSettings } from '${settings}';
      applyHeapSettings({ heapGrowthPct: 0 });
      const churn = "const v8 = require('node:v8'); let keep = []; for (let i = 0; i < 2e7; i++) { keep.push({ i }); if (keep.length > 50000) keep = []; } require('node:worker_threads').parentPort.postMessage(v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size);";
      new Worker(churn, { eval: true, execArgv: [], resourceLimits: { maxYoungGenerationSizeMb: 64 } }).on('message', (bytes) => { console.log(bytes); process.exit(0); });
    `;
    const run = spawnSync(process.execPath, [...MAIN_NODE_FLAGS, '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).toBe('');
    const semiSpaceMb = Number(/--max-semi-space-size=(\d+)/.exec(MAIN_NODE_FLAGS.join(' '))![1]);
    // New space is two semi-spaces: capped by the main thread's flag it would stop at twice its size.
    expect(Number(run.stdout.trim())).toBeGreaterThan(2 * semiSpaceMb * 2 ** 20);
  }, 60_000);
});
