// Sending a bridge's 20 ms messages at N× real time, so the call pipeline sees audio arrive as
// it would from a live call (bursting thousands of messages would only test load shedding).

export async function paced(frames: number, send: (k: number) => void, speed = 20, frameMs = 20): Promise<void> {
  const t0 = performance.now();
  for (let k = 0; k < frames; k++) {
    send(k);
    const wait = t0 + ((k + 1) * frameMs) / speed - performance.now();
    // Behind schedule, still yield: a catch-up burst would only test load shedding.
    await new Promise((r) => (wait > 0 ? setTimeout(r, wait) : setImmediate(r)));
  }
}

/** Splits a signal into consecutive frames of `size` samples (the last one padded). */
export function frameOf(signal: Float32Array, k: number, size: number): Float32Array {
  const out = new Float32Array(size);
  out.set(signal.subarray(k * size, (k + 1) * size));
  return out;
}
