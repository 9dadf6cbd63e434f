// The running playbook: loaded and validated at start, replaced atomically when the file changes
// (or on request), so a bank edits a text or a threshold and sees it take effect without a restart.
// A playbook that fails validation never replaces the running one.

import { readFileSync, watch, type FSWatcher } from 'node:fs';
import { CallcueError, ErrorCodes } from '../errors.js';
import { playbookSchema, type Playbook } from './schema.js';

export function parsePlaybook(text: string, source: string): Playbook {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new CallcueError(ErrorCodes.CONFIG_INVALID, `playbook ${source} is not valid JSON: ${(err as Error).message}`);
  }
  const parsed = playbookSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CallcueError(ErrorCodes.CONFIG_INVALID, `playbook ${source}: ${issue.path.join('.')}: ${issue.message}`);
  }
  return deepFreeze(parsed.data);
}

export function loadPlaybookFile(path: string): Playbook {
  return parsePlaybook(readFileSync(path, 'utf8'), path);
}

export interface ReloadResult {
  ok: boolean;
  version: string;
  error?: string;
}

export class PlaybookStore {
  private playbook: Playbook;
  private watcher: FSWatcher | null = null;
  private debounce: NodeJS.Timeout | null = null;
  private readonly listeners = new Set<(r: ReloadResult) => void>();

  constructor(readonly path: string) {
    this.playbook = loadPlaybookFile(path);
  }

  /** The playbook in force now: read it at each decision, never cache it across decisions. */
  get current(): Playbook {
    return this.playbook;
  }

  reload(): ReloadResult {
    let result: ReloadResult;
    try {
      this.playbook = loadPlaybookFile(this.path);
      result = { ok: true, version: this.playbook.version };
    } catch (err) {
      result = { ok: false, version: this.playbook.version, error: (err as Error).message };
    }
    for (const l of this.listeners) l(result);
    return result;
  }

  onReload(listener: (r: ReloadResult) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Reloads when the file changes (editors write in bursts: wait for quiet). */
  watch(debounceMs = 150): void {
    if (this.watcher) return;
    this.watcher = watch(this.path, { persistent: false }, () => {
      if (this.debounce) clearTimeout(this.debounce);
      this.debounce = setTimeout(() => this.reload(), debounceMs);
    });
  }

  close(): void {
    this.watcher?.close();
    this.watcher = null;
    if (this.debounce) clearTimeout(this.debounce);
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
