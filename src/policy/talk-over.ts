// Turn-taking on a stereo call, from both tracks' voice activity: the agent talking over the caller
// (manual §1 耐心傾聽，不打斷客戶發言) and long silences on the line (dead air, a QA criterion of §6).
// Voice activity of each track is smoothed (a short onset, a longer hangover) so a breath or a
// crackle does not count; hops are evaluated only once both tracks have reached them, since the
// two arrive with some skew.

const ONSET_HOPS = 10; // 100 ms of speech starts a turn
const HANGOVER_HOPS = 30; // 300 ms of silence ends it

class Talker {
  talking = false;
  private run = 0;
  /** Steps one hop; true when a turn started on it. */
  step(speech: boolean): boolean {
    if (speech === this.talking) this.run = 0;
    else if (++this.run >= (speech ? ONSET_HOPS : HANGOVER_HOPS)) {
      this.talking = speech;
      this.run = 0;
      return speech;
    }
    return false;
  }
}

/**
 * One track's voice activity (1 speech, 0 not) for the hops the other track has not reached yet:
 * a byte queue, not an array grown and spliced per audio message (this runs for every message of
 * every call).
 */
class HopQueue {
  private bytes = new Uint8Array(64);
  private head = 0;
  private tail = 0;

  get length(): number {
    return this.tail - this.head;
  }

  at(i: number): boolean {
    return this.bytes[this.head + i] === 1;
  }

  append(speech: ArrayLike<number>, count: number): void {
    if (this.tail + count > this.bytes.length) {
      const live = this.bytes.subarray(this.head, this.tail);
      const into = this.length + count > this.bytes.length ? new Uint8Array(2 * (this.length + count)) : this.bytes;
      into.set(live);
      this.bytes = into;
      this.tail -= this.head;
      this.head = 0;
    }
    for (let i = 0; i < count; i++) this.bytes[this.tail++] = speech[i] === 1 ? 1 : 0;
  }

  drop(count: number): void {
    this.head += count;
    if (this.head === this.tail) this.head = this.tail = 0;
  }
}

/** What push() returns when nothing happened (nearly always): one array instead of one per audio message. */
const NO_EVENTS: readonly TurnEvent[] = Object.freeze([]);

export type TurnEvent = { kind: 'talk-over'; atMs: number; overlapMs: number } | { kind: 'silence'; atMs: number; silenceMs: number };

export interface TurnLimits {
  talkOverMs: number;
  silenceMs: number;
}

export class TurnTaking {
  private readonly pending = { caller: new HopQueue(), agent: new HopQueue() };
  private readonly caller = new Talker();
  private readonly agent = new Talker();
  private hop = 0;
  private overlapHops = 0;
  private interrupting = false;
  private reported = false;
  private silentHops = 0;
  private heardAnyone = false;

  constructor(private readonly hopMs: number) {}

  /**
   * Adds one track's voice activity for its next `count` hops (1 speech, 0 not); returns turn
   * events, each reported once.
   */
  push(track: 'caller' | 'agent', speech: ArrayLike<number>, count: number, limits: () => TurnLimits): readonly TurnEvent[] {
    this.pending[track].append(speech, count);
    const n = Math.min(this.pending.caller.length, this.pending.agent.length);
    let out: TurnEvent[] | null = null;
    const { talkOverMs, silenceMs } = limits();
    for (let i = 0; i < n; i++, this.hop++) {
      this.caller.step(this.pending.caller.at(i));
      if (this.agent.step(this.pending.agent.at(i))) {
        this.interrupting = this.caller.talking;
        this.overlapHops = 0;
        this.reported = false;
      }
      if (!this.agent.talking) this.interrupting = false;
      if (this.interrupting && this.caller.talking) {
        this.overlapHops++;
        const ms = this.overlapHops * this.hopMs;
        if (!this.reported && ms >= talkOverMs) {
          (out ??= []).push({ kind: 'talk-over', atMs: this.hop * this.hopMs, overlapMs: ms });
          this.reported = true;
        }
      }
      // Dead air counts between turns only: not before anyone has spoken.
      if (this.caller.talking || this.agent.talking) {
        if (this.heardAnyone && this.silentHops * this.hopMs >= silenceMs) {
          (out ??= []).push({ kind: 'silence', atMs: (this.hop - this.silentHops) * this.hopMs, silenceMs: this.silentHops * this.hopMs });
        }
        this.silentHops = 0;
        this.heardAnyone = true;
      } else this.silentHops++;
    }
    this.pending.caller.drop(n);
    this.pending.agent.drop(n);
    return out ?? NO_EVENTS;
  }
}
