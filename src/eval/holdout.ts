// Callers the voice model has never heard: the speakers who voice eval-calls' callers are taken out
// of the labelled speech, a prosody model is trained on the rest with the project's own command
// (`callcue train-prosody --no-eval`, run as a child process), and the node under evaluation loads
// that model beside the shipped text model. The trained model is cached under the OS temporary
// folder by what it depends on, so a second run trains nothing.

import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { packagePath } from '../config/paths.js';
import { resolveManifest } from '../training/prosody-data.js';

/** Fixed before any measurement: two RAVDESS actors (one male, one female) and one CASIA speaker. */
export const DEFAULT_HELD_OUT_SPEAKERS: readonly string[] = Object.freeze(['ravdess-05', 'ravdess-16', 'casia-wangzhe']);

export interface HeldOutModels {
  /** A models folder: the prosody model trained without the held-out speakers, the rest as shipped. */
  modelsDir: string;
  /** Whether this run trained it (false: from the cache). */
  trained: boolean;
}

/**
 * What the held-out model depends on: the manifest's other rows, and the shipped model's record,
 * whose version changes whenever the voice model is retrained — which is when the held-out one
 * must be too.
 */
function cacheKey(rows: string, speakers: readonly string[], shippedModelsDir: string): string {
  const h = createHash('sha256').update(rows).update(speakers.join(','));
  const sidecar = join(shippedModelsDir, 'prosody.json');
  if (existsSync(sidecar)) h.update(readFileSync(sidecar));
  return h.digest('hex').slice(0, 16);
}

/**
 * Trains (or finds in the cache) a prosody model on every speaker of `dataDir` but `speakers`.
 * `log` receives progress lines; the child's own output goes to a log file beside the model.
 */
export async function heldOutModels(dataDir: string, speakers: readonly string[], shippedModelsDir: string, log: (line: string) => void): Promise<HeldOutModels> {
  const manifest = resolveManifest(dataDir);
  const [header, ...rows] = readFileSync(manifest, 'utf8').split(/\r?\n/).filter((l) => l.length > 0);
  // path,corpus,speaker,…: the speaker is the third column, which never holds a comma.
  const kept = rows.filter((r) => !speakers.includes(r.split(',')[2] ?? ''));
  const missing = speakers.filter((s) => !rows.some((r) => r.split(',')[2] === s));
  if (missing.length > 0) throw new Error(`the speech manifest ${manifest} has no speaker ${missing.join(', ')}`);
  const root = join(tmpdir(), 'callcue-holdout', cacheKey(kept.join('\n'), speakers, shippedModelsDir));
  const modelsDir = join(root, 'models');
  if (existsSync(join(modelsDir, 'prosody.onnx'))) {
    linkShipped(shippedModelsDir, modelsDir);
    return { modelsDir, trained: false };
  }
  rmSync(root, { recursive: true, force: true });
  // A data folder holding the filtered manifest, with the corpora's audio linked in place.
  const speech = join(root, 'data', 'speech');
  mkdirSync(speech, { recursive: true });
  writeFileSync(join(speech, 'manifest.csv'), `${[header, ...kept].join('\n')}\n`);
  for (const top of new Set(kept.map((r) => r.split(',')[0]!.split('/')[0]!))) symlinkSync(join(dirname(manifest), top), join(speech, top));
  log(`training a prosody model without ${speakers.join(', ')} (${kept.length} of ${rows.length} clips; once, then cached in ${root})…`);
  const logFile = join(root, 'train-prosody.log');
  await runTraining(['train-prosody', '--data', join(root, 'data'), '--out', modelsDir, '--no-eval'], logFile);
  linkShipped(shippedModelsDir, modelsDir);
  return { modelsDir, trained: true };
}

/** Every shipped model file the training did not write (the text model, …), linked in. */
function linkShipped(shippedModelsDir: string, modelsDir: string): void {
  for (const f of readdirSync(shippedModelsDir)) {
    const to = join(modelsDir, basename(f));
    if (!existsSync(to)) symlinkSync(join(shippedModelsDir, f), to);
  }
}

function runTraining(args: string[], logFile: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const out: Buffer[] = [];
    // At the command's own priority: run `nice npm run eval:calls …` on a shared machine.
    const child = spawn(process.execPath, [packagePath('dist/src/cli/main.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => out.push(d));
    child.on('error', reject);
    child.on('close', (code) => {
      writeFileSync(logFile, Buffer.concat(out));
      if (code === 0) resolve();
      else reject(new Error(`train-prosody failed (exit ${code}); its output is in ${logFile}`));
    });
  });
}
