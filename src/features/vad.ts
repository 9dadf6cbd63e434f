// Energy voice-activity detector with an adaptive noise floor, one per track. Telephone lines
// carry steady hiss and hum at very different levels, so "speech" means clearly above this
// line's own floor, not above a fixed level. The floor falls fast (a pause reveals it) and rises
// slowly (speech must not drag it up); a short hangover keeps syllable tails and stop closures.

/** Speech must exceed the floor by this much. */
const ONSET_ABOVE_FLOOR_DB = 10;
/**
 * And exceed this absolute level, so a silent line's dither is never speech. Low enough for a
 * quiet caller's soft syllables on a −36 dBFS line (−55 lost sad and calm speech).
 */
const ABSOLUTE_MIN_DB = -62;
/** Floor tracking per 10 ms frame: fast down, slow up (time constant ≈ 4 s). */
const FLOOR_FALL = 0.3;
const FLOOR_RISE = 0.0025;
/** Initial floor; also the lowest the first frame may set it to. */
const INITIAL_FLOOR_DB = -50;
/** Frames kept as speech after the level drops (120 ms). */
const HANGOVER_FRAMES = 12;

export interface VoiceActivityDetector {
  /** Feeds one frame's level; returns whether it is speech. */
  isSpeech(rmsDb: number): boolean;
  /** The current noise-floor estimate, dBFS. */
  readonly floorDb: number;
}

export function createVad(): VoiceActivityDetector {
  let floorDb = Number.NaN;
  let hangover = 0;
  return {
    get floorDb() {
      return floorDb;
    },
    isSpeech(rmsDb: number): boolean {
      if (Number.isNaN(floorDb)) floorDb = Math.min(rmsDb, INITIAL_FLOOR_DB);
      const active = rmsDb > floorDb + ONSET_ABOVE_FLOOR_DB && rmsDb > ABSOLUTE_MIN_DB;
      floorDb += (rmsDb - floorDb) * (rmsDb < floorDb ? FLOOR_FALL : FLOOR_RISE);
      if (active) {
        hangover = HANGOVER_FRAMES;
        return true;
      }
      if (hangover > 0) {
        hangover--;
        return true;
      }
      return false;
    },
  };
}
