// The plugged model directories of a node (CALLCUE_TEXT_MODEL, CALLCUE_VOICE_MODEL), validated at
// start — a bad directory stops start-up with a message naming it and the problem — and reloaded
// when their files change (or on SIGHUP), like the playbook (src/policy/store.ts): a directory that
// fails validation never replaces the running model; one that passes is handed to the threads that
// run calls (listeners), which load it and swap it in for their live calls (slots.ts). Here each
// model is loaded only to validate it (a probe run) and released.

import { existsSync, realpathSync, statSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { CALLCUE_JSON, ONNX_FILES, type ModelKind } from './layout.js';
import { CALIBRATION_FILE } from './calibration.js';
import type { ModelRef } from './slots.js';
import { loadTextModel } from './text-model.js';
import { loadVoiceModel } from './voice-model.js';

export interface ModelReloadResult {
  kind: ModelKind;
  ok: boolean;
  /** The version in force after the attempt. */
  version: string;
  dir: string;
  error?: string;
}

const WATCHED_FILES = ['config.json', CALLCUE_JSON, CALIBRATION_FILE, 'tokenizer.json', 'tokenizer_config.json', 'preprocessor_config.json', ...ONNX_FILES];

/** What identifies the directory's contents cheaply: each file's size and mtime, and where a symlink points. */
function fingerprint(dir: string): string {
  const real = existsSync(dir) ? realpathSync(dir) : '';
  return [real, ...WATCHED_FILES.map((f) => (existsSync(join(dir, f)) ? `${f}:${statSync(join(dir, f)).size}:${statSync(join(dir, f)).mtimeMs}` : `${f}:-`))].join('|');
}

interface Entry {
  ref: ModelRef;
  print: string;
}

export class PluggedModelStore {
  private readonly entries = new Map<ModelKind, Entry>();
  private readonly listeners = new Set<(r: ModelReloadResult) => void>();
  private readonly watchers = new Map<ModelKind, FSWatcher[]>();
  private debounceMs: number | null = null;
  private debounce = new Map<ModelKind, NodeJS.Timeout>();
  private reloading = new Map<ModelKind, Promise<ModelReloadResult>>();

  private constructor() {}

  /** dirs: '' for a kind without a plugged model. */
  static async open(dirs: { text: string; voice: string }): Promise<PluggedModelStore> {
    const store = new PluggedModelStore();
    for (const kind of ['text', 'voice'] as const) {
      if (dirs[kind] === '') continue;
      const dir = resolve(dirs[kind]);
      const print = fingerprint(dir);
      const version = await store.validate(kind, dir);
      store.entries.set(kind, { ref: { kind, dir, version }, print });
    }
    return store;
  }

  /** The directories and versions in force (what pipeline workers load). */
  get refs(): ModelRef[] {
    return [...this.entries.values()].map((e) => e.ref);
  }

  private async validate(kind: ModelKind, dir: string): Promise<string> {
    const model = kind === 'text' ? await loadTextModel(dir) : await loadVoiceModel(dir);
    await model.close();
    return model.version;
  }

  /** Re-validates one directory (or all); a change of version is announced to listeners. */
  async reload(kind?: ModelKind): Promise<ModelReloadResult[]> {
    const kinds = kind ? [kind] : [...this.entries.keys()];
    return Promise.all(kinds.map((k) => this.reloadOne(k)));
  }

  private reloadOne(kind: ModelKind): Promise<ModelReloadResult> {
    // One reload of a directory at a time; a change during it is picked up by the next event.
    const running = this.reloading.get(kind);
    if (running) return running;
    const p = this.doReload(kind).finally(() => this.reloading.delete(kind));
    this.reloading.set(kind, p);
    return p;
  }

  private async doReload(kind: ModelKind): Promise<ModelReloadResult> {
    const entry = this.entries.get(kind)!;
    const { dir } = entry.ref;
    let result: ModelReloadResult;
    try {
      const print = fingerprint(dir);
      const version = await this.validate(kind, dir);
      entry.print = print;
      entry.ref = { kind, dir, version };
      result = { kind, ok: true, version, dir };
    } catch (err) {
      result = { kind, ok: false, version: entry.ref.version, dir, error: (err as Error).message };
    }
    for (const l of this.listeners) l(result);
    return result;
  }

  onReload(listener: (r: ModelReloadResult) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Reloads a directory when its files change (writers copy in bursts, a large .onnx for seconds: wait for quiet). */
  watch(debounceMs = 500): void {
    if (this.debounceMs !== null) return;
    this.debounceMs = debounceMs;
    for (const kind of this.entries.keys()) this.watchKind(kind);
    // A directory re-pointed (symlink) or replaced (rename) is watched afresh where it now is.
    this.onReload((r) => {
      if (r.ok) this.watchKind(r.kind);
    });
  }

  private watchKind(kind: ModelKind): void {
    for (const w of this.watchers.get(kind) ?? []) w.close();
    const { dir } = this.entries.get(kind)!.ref;
    const changed = () => {
      const t = this.debounce.get(kind);
      if (t) clearTimeout(t);
      this.debounce.set(
        kind,
        setTimeout(() => {
          if (fingerprint(dir) !== this.entries.get(kind)!.print) void this.reloadOne(kind);
        }, this.debounceMs!),
      );
    };
    const name = basename(dir);
    const watchers: FSWatcher[] = [];
    // The directory, its onnx/ folder, and its parent (a directory replaced or re-pointed by a rename or symlink).
    for (const [path, filter] of [
      [dir, null],
      [join(dir, 'onnx'), null],
      [dirname(dir), name],
    ] as const) {
      if (!existsSync(path)) continue;
      try {
        watchers.push(watch(path, { persistent: false }, (_e, file) => (filter === null || file === filter ? changed() : undefined)));
      } catch {
        // A folder that cannot be watched (permissions): SIGHUP still reloads.
      }
    }
    this.watchers.set(kind, watchers);
  }

  async close(): Promise<void> {
    for (const ws of this.watchers.values()) for (const w of ws) w.close();
    this.watchers.clear();
    this.listeners.clear();
    for (const t of this.debounce.values()) clearTimeout(t);
    await Promise.all(this.reloading.values());
  }
}
