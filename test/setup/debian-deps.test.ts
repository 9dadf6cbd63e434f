// The README's set-up line on a fresh Debian machine: scripts/debian-deps.sh works as root (a
// fresh container has no sudo) and as a user with sudo, says what to do as a user without it, and
// installs nothing when nothing is missing. apt-get, dpkg-query, id and sudo are stand-ins on a
// PATH of their own (nothing is installed); the script and bash are the real ones.

import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = mkdtempSync(join(tmpdir(), 'callcue-deps-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function which(cmd: string): string {
  return spawnSync('bash', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).stdout.trim();
}

let n = 0;
/** A PATH with only the stand-ins and the few real tools the script needs. */
function machine(opts: { uid: number; sudo: boolean; installed: boolean }) {
  const bin = join(root, `bin-${++n}`);
  const log = join(root, `apt-${n}.log`);
  spawnSync('mkdir', ['-p', bin]);
  const script = (name: string, body: string) => {
    writeFileSync(join(bin, name), `#!/bin/bash\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  };
  for (const real of ['grep', 'env']) symlinkSync(which(real), join(bin, real));
  script('dpkg-query', opts.installed ? 'echo -n "install ok installed"' : 'exit 1');
  script('id', `[ "$1" = "-u" ] && echo ${opts.uid} || echo "uid=${opts.uid}"`);
  script('apt-get', `echo "\${VIA:-direct} $*" >> ${log}`);
  if (opts.sudo) script('sudo', 'VIA=sudo exec "$@"');
  const r = spawnSync(which('bash'), ['scripts/debian-deps.sh'], { env: { PATH: bin }, encoding: 'utf8' });
  let apt: string[] = [];
  try {
    apt = readFileSync(log, 'utf8').trim().split('\n');
  } catch {
    // apt-get was never run.
  }
  return { code: r.status, stderr: r.stderr, apt };
}

describe('scripts/debian-deps.sh', () => {
  it('as root without sudo (a fresh container): installs directly', () => {
    const r = machine({ uid: 0, sudo: false, installed: false });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.apt[0]).toBe('direct update -qq');
    expect(r.apt[1]).toMatch(/^direct install -y -qq --no-install-recommends espeak-ng sox chromium /);
  });

  it('as a user with sudo: installs through sudo', () => {
    const r = machine({ uid: 1000, sudo: true, installed: false });
    expect(r.code).toBe(0);
    expect(r.apt.map((l) => l.split(' ')[0])).toEqual(['sudo', 'sudo']);
  });

  it('as a user without sudo: says how to run it, installs nothing', () => {
    const r = machine({ uid: 1000, sudo: false, installed: false });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/needs root: run this script as root, or install sudo/);
    expect(r.apt).toEqual([]);
  });

  it('with everything installed: nothing to do, no root needed', () => {
    const r = machine({ uid: 1000, sudo: false, installed: true });
    expect(r.code).toBe(0);
    expect(r.apt).toEqual([]);
  });

  it('the README and CI run it the same way, without sudo in front', () => {
    const readme = readFileSync('README.md', 'utf8');
    expect(readme).toContain('bash scripts/debian-deps.sh && ONNXRUNTIME_NODE_INSTALL=skip npm ci && npm test');
    expect(readme).not.toMatch(/sudo bash scripts\/debian-deps\.sh/);
    expect(readFileSync('.ci/run', 'utf8')).toMatch(/^bash scripts\/debian-deps\.sh$/m);
  });
});
