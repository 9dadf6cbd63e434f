// `npm ci` on the Node versions the README names prints no EBADENGINE warning: every package in the
// lockfile accepts Node 22 LTS, the oldest Node 20 package.json allows, and the Node running this
// suite. (Two dependencies of fastify's had moved to Node ≥ 22: package.json overrides pin versions
// with the same API that accept Node 20.)

import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// fastify's own semver (a dependency of the service): the same rules npm applies.
const semver = createRequire(import.meta.url)('semver') as { satisfies(v: string, range: string): boolean; minVersion(range: string): { version: string } };

interface LockEntry {
  version?: string;
  engines?: { node?: string } | string[];
}
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, LockEntry> };
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } };

describe('engines', () => {
  const oldest = semver.minVersion(pkg.engines.node).version;
  it.each([
    ['Node 22 LTS (22.13, the oldest the wasm bindings take)', '22.13.0'],
    [`the oldest Node package.json allows (${oldest})`, oldest],
    [`this Node (${process.version})`, process.version],
  ])('every locked package accepts %s', (_name, version) => {
    const refused = Object.entries(lock.packages)
      .filter(([path, e]) => path !== '' && e.engines && !Array.isArray(e.engines) && e.engines.node && !semver.satisfies(version, e.engines.node))
      .map(([path, e]) => `${path}@${e.version} wants node ${(e.engines as { node: string }).node}`);
    expect(refused).toEqual([]);
  });

  it('the docker image and the README recommend Node 22 LTS', () => {
    const froms = readFileSync('docker/Dockerfile', 'utf8').match(/^FROM \S+/gm) ?? [];
    expect(froms.length).toBeGreaterThan(0);
    for (const from of froms) expect(from).toMatch(/^FROM node:22-/);
    expect(readFileSync('README.md', 'utf8')).toMatch(/## Set up \(fresh Debian machine, Node 22 LTS\)/);
  });

  it('package.json allows the Node running this suite', () => {
    expect(semver.satisfies(process.version, pkg.engines.node)).toBe(true);
  });
});
