// @ts-check
// Rendering is batched into animation frames: however many feed messages arrive (emotion states
// come several times a second per call), the screen is drawn at most once per frame, and never
// while the socket handler runs.

/**
 * @param {() => void} render
 * @returns {() => void} call to ask for a render in the next frame
 */
export function frameScheduler(render) {
  let queued = false;
  return () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      render();
    });
  };
}
