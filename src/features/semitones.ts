// Pitch on the semitone scale (re 100 Hz): a speaker's baseline can then be subtracted rather than divided.

export function semitonesRe100Hz(hz: number): number {
  return 12 * Math.log2(hz / 100);
}
