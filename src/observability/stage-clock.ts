// Where a thread's time goes, stage by stage (`npm run bench -- --profile` reads it from /metrics).
// Each thread (main, every pipeline worker) keeps its own clock. Time is charged exclusively: a
// stage entered inside another stops the outer one's clock, so the stages of a thread add up to
// its busy time and nothing is counted twice. A transition costs one performance.now() (~50 ns);
// stages are entered per message or per batch, never per sample.
//
// Node 20 has no per-thread CPU clock, so a stage's time is wall time inside it. The thread's CPU
// time (/proc/thread-self/stat) and its event-loop active time are exported beside it: on a busy
// machine, where the thread is preempted inside stages, CPU ÷ active is the share of a stage's wall
// time that was CPU (bench/lib/profile.ts scales by it).

import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/** The stages, in the order the profile prints them (a call's data flows top to bottom). */
export const STAGES = [
  /** WebSocket framing and the bridge protocols' message handling (main thread). */
  'ingest',
  /** Messages between the main thread and the pipeline workers (both sides). */
  'worker-io',
  /** RxJS plumbing of a call's pipeline: what the stages below do not account for. */
  'pipeline',
  'decode',
  /** Framing, FFT, MFCCs, pitch, voice activity. */
  'frames',
  /** Rolling windows, functionals, the speaker's baseline. */
  'windows',
  'voice-model',
  'redact',
  'language',
  'text-model',
  'fuse',
  /** The playbook, turn-taking and the QA scorer. */
  'policy',
  /** Numbering events and folding them into the live call state. */
  'bus',
  /** Serialising events and writing them to feed sockets. */
  'feed',
  'recorder',
] as const;
export type Stage = (typeof STAGES)[number];

const INDEX = new Map<string, number>(STAGES.map((s, i) => [s, i]));
const NONE = -1;

/** A stage's index for enterIndex(). */
export const stageIndex = (stage: Stage): number => INDEX.get(stage)!;

/** Clock ticks per second of /proc's utime and stime (USER_HZ; 100 on every Linux build). */
const TICKS_PER_S = 100;

export interface StageSnapshot {
  thread: string;
  /** Wall ms spent in each stage (exclusive of nested stages). */
  stageMs: Record<Stage, number>;
  /** The thread's CPU ms, or null where /proc is not available. */
  cpuMs: number | null;
  /** Event-loop active ms (wall time not idle in the poll phase). */
  activeMs: number;
}

class StageClock {
  thread = 'main';
  private readonly spentMs = new Float64Array(STAGES.length);
  private readonly stack: number[] = [];
  private current = NONE;
  private since = 0;

  /** Starts a top-level stage (an event-loop callback). Drops anything a thrown error left open. */
  begin(stage: Stage): void {
    this.charge();
    this.stack.length = 0;
    this.current = INDEX.get(stage)!;
  }

  /** Ends the top-level stage. */
  end(): void {
    this.charge();
    this.stack.length = 0;
    this.current = NONE;
  }

  /** Enters a nested stage: the current one's clock stops until exit(). Returns the time (performance.now()). */
  enter(stage: Stage): number {
    return this.enterIndex(INDEX.get(stage)!);
  }

  /** enter() by the stage's index in STAGES (stageIndex()), for a caller that looks it up once. */
  enterIndex(index: number): number {
    const now = this.charge();
    this.stack.push(this.current);
    this.current = index;
    return now;
  }

  /** Returns the time (performance.now()), so a caller timing the stage needs no clock reading of its own. */
  exit(): number {
    const now = this.charge();
    this.current = this.stack.pop() ?? NONE;
    return now;
  }

  /** Runs fn inside a nested stage. */
  time<T>(stage: Stage, fn: () => T): T {
    this.enter(stage);
    try {
      return fn();
    } finally {
      this.exit();
    }
  }

  snapshot(): StageSnapshot {
    this.charge();
    const stageMs = {} as Record<Stage, number>;
    STAGES.forEach((s, i) => (stageMs[s] = this.spentMs[i]!));
    return { thread: this.thread, stageMs, cpuMs: threadCpuMs(), activeMs: performance.eventLoopUtilization().active };
  }

  private charge(): number {
    const now = performance.now();
    if (this.current !== NONE) this.spentMs[this.current] += now - this.since;
    this.since = now;
    return now;
  }
}

function threadCpuMs(): number | null {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) / TICKS_PER_S) * 1000;
  } catch {
    return null;
  }
}

/** This thread's clock (module state is per thread: every worker has its own). */
export const stageClock = new StageClock();
