// Benchmark results published with the code (bench/published/KEY.json), each with when, on what
// machine and by which command it was measured. The README's Measured and Scaling sections are
// generated from them (bench/readme.ts) and the demo reads the capacity figure here, so no figure
// is typed by hand and none drifts from what the bench measured.

import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, type as osType } from 'node:os';
import { join } from 'node:path';
import { packagePath } from '../config/paths.js';

export const PUBLISHED_DIR = packagePath('bench/published');

export interface Machine {
  cpu: string;
  cores: number;
  memoryGb: number;
  os: string;
  node: string;
  /** One-minute load average when the measurement started: a quiet machine is well below its cores. */
  loadAvg1: number;
}

export interface Published<R = unknown> {
  key: string;
  /** The command that measured it, as a reader would type it. */
  command: string;
  at: string;
  machine: Machine;
  result: R;
}

export function describeMachine(): Machine {
  const cores = cpus();
  return {
    cpu: cores[0]?.model.trim() ?? 'unknown',
    cores: cores.length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    os: `${osType()} ${release()}`,
    node: process.version,
    loadAvg1: Math.round(loadavg()[0]! * 100) / 100,
  };
}

/** Whether other work ran while this was measured (wall-clock figures from such a run are not publishable). */
export function measuredBusy(m: Machine): boolean {
  return m.loadAvg1 > m.cores / 2;
}

export function writePublished<R>(key: string, command: string, machine: Machine, result: R, dir = PUBLISHED_DIR): string {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(key)) throw new Error(`--publish: "${key}" is not a key (lower-case letters, digits and dashes)`);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${key}.json`);
  const published: Published<R> = { key, command, at: new Date().toISOString(), machine, result };
  writeFileSync(file, `${JSON.stringify(published, null, 2)}\n`);
  return file;
}

export function readPublished<R = unknown>(key: string, dir = PUBLISHED_DIR): Published<R> | null {
  const file = join(dir, `${key}.json`);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Published<R>) : null;
}

export function listPublished(dir = PUBLISHED_DIR): Published[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Published);
}

/** What `npm run bench -- --find-max --publish find-max` found. */
export interface Capacity {
  /** The most concurrent calls one node held within the latency budget with nothing shed. */
  calls: number;
  budgetMs: number;
  at: string;
  machine: Machine;
  busy: boolean;
}

/** The published capacity of the reference machine, or null before one is published. */
export function publishedCapacity(dir = PUBLISHED_DIR): Capacity | null {
  const p = readPublished<{ maxCalls?: number; budgetMs?: number }>('find-max', dir);
  if (!p || typeof p.result.maxCalls !== 'number') return null;
  return { calls: p.result.maxCalls, budgetMs: p.result.budgetMs ?? 100, at: p.at, machine: p.machine, busy: measuredBusy(p.machine) };
}
