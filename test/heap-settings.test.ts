// The heap settings (src/heap-settings.ts): the growth cap is a setting with a default, and every
// launcher of the service passes the main thread's flags, so a node in Docker, under `npm start` and
// in the bench and soak (spawnNode) runs with the same heaps.

import { readFileSync } from 'node:fs';
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
});
