// One clock for every latency figure: wall-clock milliseconds with sub-millisecond precision,
// monotonic within a process (performance.now) and comparable across nodes (timeOrigin).

export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}
