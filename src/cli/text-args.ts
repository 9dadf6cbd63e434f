// Flag parsing and default paths shared by the text commands (train-text, eval-text,
// classify-text): --name value pairs, repeatable flags, and the repo-relative defaults
// (data: ../shared/data beside the repo, models: models/).

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ParsedFlags {
  values: Map<string, string[]>;
  errors: string[];
}

/** Parse `--name value` and `--name=value`; `booleans` are flags without a value. */
export function parseFlags(argv: readonly string[], known: readonly string[], booleans: readonly string[] = []): ParsedFlags {
  const values = new Map<string, string[]>();
  const errors: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      errors.push(`unexpected argument "${arg}"`);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    if (!known.includes(name) && !booleans.includes(name)) {
      errors.push(`unknown option --${name}`);
      continue;
    }
    let value = 'true';
    if (eq > 0) value = arg.slice(eq + 1);
    else if (!booleans.includes(name)) {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) {
        errors.push(`--${name} needs a value`);
        continue;
      }
      value = next;
      i += 1;
    }
    values.set(name, [...(values.get(name) ?? []), value]);
  }
  return { values, errors };
}

export function lastValue(flags: ParsedFlags, name: string): string | undefined {
  const all = flags.values.get(name);
  return all === undefined ? undefined : all[all.length - 1];
}

/** The repository root: the nearest folder above this file whose package.json names callcue. */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'callcue') return dir;
      } catch {
        // Not ours or not JSON: keep walking up.
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

export function defaultDataDir(): string {
  return resolve(repoRoot(), '..', 'shared', 'data');
}

export function defaultModelsDir(): string {
  return join(repoRoot(), 'models');
}

/**
 * Reads every --custom file up front, so a bad one stops the command at once with its file and
 * line named (not a stack trace, and not after a long training run).
 */
export function readCustomFiles<T>(files: readonly string[], read: (file: string) => T): { ok: T[] } | { error: string } {
  const ok: T[] = [];
  for (const file of files) {
    try {
      ok.push(read(file));
    } catch (err) {
      return { error: `--custom ${file}: ${(err as Error).message}` };
    }
  }
  return { ok };
}
