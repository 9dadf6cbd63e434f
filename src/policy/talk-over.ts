// Talking over the caller (manual §1 耐心傾聽，不打斷客戶發言): the agent starts speaking while the caller
// is still speaking, and both keep going. Voice activity of each track is smoothed (a short onset,
// a longer hangover) so a breath or a crackle does not count; hops are evaluated only once both
// tracks have reached them, since the two arrive with some skew.

const ONSET_HOPS = 10; // 100 ms of speech starts a turn
const HANGOVER_HOPS = 30; // 300 ms of silence ends it

class Talker {
  talking = false;
  private run = 0;
  step(speech: boolean): { started: boolean } {
    if (speech === this.talking) this.run = 0;
    else if (++this.run >= (speech ? ONSET_HOPS : HANGOVER_HOPS)) {
      this.talking = speech;
      this.run = 0;
      return { started: speech };
    }
    return { started: false };
  }
}

export class TalkOverDetector {
  private readonly pending = { caller: [] as boolean[], agent: [] as boolean[] };
  private readonly caller = new Talker();
  private readonly agent = new Talker();
  private overlapHops = 0;
  private interrupting = false;
  private reported = false;

  constructor(private readonly hopMs: number) {}

  /** Adds one track's frames; returns overlaps (ms) to report, each once per agent turn. */
  push(track: 'caller' | 'agent', speech: readonly boolean[], minOverlapMs: () => number): number[] {
    this.pending[track].push(...speech);
    const n = Math.min(this.pending.caller.length, this.pending.agent.length);
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      this.caller.step(this.pending.caller[i]!);
      const { started } = this.agent.step(this.pending.agent[i]!);
      if (started) {
        this.interrupting = this.caller.talking;
        this.overlapHops = 0;
        this.reported = false;
      }
      if (!this.agent.talking) this.interrupting = false;
      if (this.interrupting && this.caller.talking) {
        this.overlapHops++;
        const ms = this.overlapHops * this.hopMs;
        if (!this.reported && ms >= minOverlapMs()) {
          out.push(ms);
          this.reported = true;
        }
      }
    }
    this.pending.caller.splice(0, n);
    this.pending.agent.splice(0, n);
    return out;
  }
}
