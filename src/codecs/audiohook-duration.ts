// AudioHook durations ("PT1.5S", ISO 8601 seconds only) ⇄ seconds.

export function durationToSeconds(d: string): number {
  const m = /^PT((?:\d*\.)?\d+)S$/.exec(d);
  if (!m) throw new RangeError(`not an AudioHook duration: ${d.slice(0, 40)}`);
  return Number(m[1]);
}

/** Millisecond precision, trailing zeros trimmed: 1.5 → "PT1.5S", 0 → "PT0S". */
export function secondsToDuration(seconds: number): `PT${string}S` {
  const fixed = Math.max(0, seconds).toFixed(3).replace(/\.?0+$/, '');
  return `PT${fixed === '' ? '0' : fixed}S`;
}
