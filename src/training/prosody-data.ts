// Finds the speech manifest from a --data argument: the shared data folder (…/data, holding
// speech/manifest.csv), a folder holding manifest.csv, or the CSV itself — the last two are how
// a bank points training at its own labelled calls.

import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export class MissingDataError extends Error {}

export function resolveManifest(data: string): string {
  const path = resolve(data);
  const candidates = path.endsWith('.csv') ? [path] : [join(path, 'speech', 'manifest.csv'), join(path, 'manifest.csv')];
  for (const c of candidates) if (existsSync(c) && statSync(c).isFile()) return c;
  throw new MissingDataError(
    `no speech manifest found for --data ${data} (looked for ${candidates.join(', ')}); ` +
      'pass --data pointing at the data folder, a folder with manifest.csv, or the CSV itself',
  );
}
