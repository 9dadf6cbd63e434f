// Where the package lives on disk, so `models/` and `public/` are found whatever the working
// directory (this file is src/config/paths.ts, or dist/src/config/paths.js once built).

import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
  return dir;
}

export const PACKAGE_ROOT = findRoot();

/** A configured path: absolute as given, relative to the package root otherwise. */
export function packagePath(p: string): string {
  return isAbsolute(p) ? p : resolve(PACKAGE_ROOT, p);
}
