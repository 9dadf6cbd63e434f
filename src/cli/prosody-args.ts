// Flag parsing and default paths for the prosody commands (train-prosody, eval-prosody,
// classify-audio): `--name value`, `--name=value`, boolean flags, positional files.

import { resolve } from 'node:path';
import { PACKAGE_ROOT } from '../config/paths.js';
import { MissingDataError, resolveManifest } from '../training/prosody-data.js';
import { hasEspeak } from '../scenarios/espeak.js';

export interface ProsodyArgs {
  flags: Map<string, string>;
  positional: string[];
  errors: string[];
}

export function parseProsodyArgs(argv: readonly string[], valued: readonly string[], booleans: readonly string[]): ProsodyArgs {
  const flags = new Map<string, string>();
  const positional: string[] = [];
  const errors: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    if (booleans.includes(name)) flags.set(name, 'true');
    else if (valued.includes(name)) {
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || (eq < 0 && value.startsWith('--'))) errors.push(`--${name} needs a value`);
      else flags.set(name, value);
    } else errors.push(`unknown option --${name}`);
  }
  return { flags, positional, errors };
}

export function intFlag(args: ProsodyArgs, name: string, fallback: number, min = 0): number {
  const raw = args.flags.get(name);
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < min) {
    args.errors.push(`--${name} must be an integer ≥ ${min}, got "${raw}"`);
    return fallback;
  }
  return v;
}

/** The shared data folder beside the repository (../shared/data), unless --data says otherwise. */
export function dataDir(args: ProsodyArgs): string {
  return resolve(args.flags.get('data') ?? resolve(PACKAGE_ROOT, '..', 'shared', 'data'));
}

export function modelsDir(args: ProsodyArgs, flag = 'models'): string {
  return resolve(args.flags.get(flag) ?? resolve(PACKAGE_ROOT, 'models'));
}

export function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Prints the argument errors with the usage and returns true when there are any (exit 2). */
export function rejectArguments(args: ProsodyArgs, usage: string): boolean {
  if (args.errors.length === 0 && args.positional.length === 0) return false;
  process.stderr.write(`${[...args.errors, ...args.positional.map((p) => `unexpected argument "${p}"`)].join('\n')}\n${usage}\n`);
  return true;
}

/** The data folder's manifest, or null after saying clearly that the data is missing (exit 2). */
export function manifestOrSay(args: ProsodyArgs, command: string): string | null {
  try {
    return resolveManifest(dataDir(args));
  } catch (err) {
    if (err instanceof MissingDataError) {
      process.stderr.write(`${command}: ${err.message}\n`);
      return null;
    }
    throw err;
  }
}

/** Whether espeak-ng runs (the gate trains and is scored on synthetic voices); says so when it does not. */
export function espeakOrSay(command: string): boolean {
  if (hasEspeak()) return true;
  process.stderr.write(`${command}: espeak-ng is needed to synthesise the voices the model must refuse (apt-get install espeak-ng, or scripts/debian-deps.sh)\n`);
  return false;
}
