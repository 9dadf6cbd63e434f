// Where a call's pipeline runs: in this thread, or in a pipeline worker thread (worker-pool.ts).
// A session hands frames to a run and gets events back; which one it is does not change a result.

import { Subject } from 'rxjs';
import type { EventPayload } from '../frames/events.js';
import type { InputFrame } from '../frames/types.js';
import { buildCallPipeline, type PipelineDeps, type PipelineOptions } from './compose.js';
import type { ModelVersions } from './worker-protocol.js';

/** What a pipeline needs to know about its call: plain data, so it can cross to a worker thread. */
export type RunOptions = Omit<PipelineOptions, 'onShed' | 'onSuppressed'>;

export interface RunSink {
  event(ev: EventPayload): void;
  /** An audio frame was shed (the pipeline fell behind). */
  shed(): void;
  error(err: Error): void;
  complete(): void;
}

export interface PipelineRun {
  push(frame: InputFrame): void;
  /** No more input: the pipeline finishes what it has, then completes the sink. */
  complete(): void;
  /** Stops at once (the session failed or was torn down). */
  cancel(): void;
}

export interface PipelineRunner {
  /** The versions of the models the pipelines use (null: running without that model). */
  readonly models: ModelVersions;
  run(opts: RunOptions, sink: RunSink): PipelineRun;
  close(): Promise<void>;
}

/** The pipeline in this thread. */
export class LocalRunner implements PipelineRunner {
  readonly models: ModelVersions;

  constructor(private readonly deps: PipelineDeps) {
    this.models = { prosody: deps.prosodyModel?.version ?? null, text: deps.textModel?.version ?? null };
  }

  run(opts: RunOptions, sink: RunSink): PipelineRun {
    const input = new Subject<InputFrame>();
    const pipeline = buildCallPipeline(this.deps, {
      ...opts,
      onShed: () => sink.shed(),
      onSuppressed: (rule, reason) => this.deps.metrics.promptsSuppressed.inc({ rule, reason }),
    });
    const sub = pipeline(input).subscribe({
      next: (ev) => sink.event(ev),
      error: (err: unknown) => sink.error(err instanceof Error ? err : new Error(String(err))),
      complete: () => sink.complete(),
    });
    return {
      push: (f) => input.next(f),
      complete: () => input.complete(),
      cancel: () => sub.unsubscribe(),
    };
  }

  async close(): Promise<void> {}
}
