// @ts-check
// The caller's emotion over the call as a strip: one bar per state, its height the intensity (or
// the voice's arousal when no model labels it). Labels differ by fill pattern as well as colour,
// the legend names them, and a sentence beside the canvas says the same for screen readers.

/** @typedef {import('./types.js').TimelinePoint} TimelinePoint */
/** @typedef {(key: string, vars?: Record<string, string | number>) => string} T */

/** How much of the call the strip shows at most, ms; a shorter call fills the strip from a minute up. */
export const TIMELINE_WINDOW_MS = 180_000;

/**
 * The span drawn: the whole call while it fits the window (but at least minWindowMs, so the first
 * seconds do not fill the strip), then the newest window.
 * @param {readonly { tsMs: number }[]} points @param {number} maxWindowMs @param {number} [minWindowMs]
 */
export function spanOf(points, maxWindowMs, minWindowMs = 60_000) {
  const lastMs = points.at(-1)?.tsMs ?? 0;
  const windowMs = Math.min(maxWindowMs, Math.max(Math.min(minWindowMs, maxWindowMs), lastMs));
  const endMs = Math.max(windowMs, lastMs);
  return { startMs: endMs - windowMs, windowMs };
}

/**
 * The fill of each label: colour from CSS, pattern from here, so the strip reads without colour
 * (and the legend on the page shows the same swatches). Without a label the bars are the voice's
 * measured arousal, drawn in horizontal lines.
 */
export const LABEL_PATTERN = /** @type {const} */ ({
  anger: 'solid',
  anxiety: 'stripes',
  disappointment: 'dots',
  uncertain: 'crosshatch',
  neutral: 'solid',
  prosody: 'lines',
});

/** @type {WeakMap<HTMLCanvasElement, Record<string, CanvasPattern | string>>} */
const fillsByCanvas = new WeakMap();

/**
 * @param {CanvasRenderingContext2D} ctx @param {string} colour
 * @param {'solid' | 'stripes' | 'dots' | 'crosshatch' | 'lines'} kind @param {number} dpr
 * @returns {CanvasPattern | string}
 */
function fill(ctx, colour, kind, dpr) {
  if (kind === 'solid') return colour;
  const size = Math.round(6 * dpr);
  const tile = document.createElement('canvas');
  tile.width = tile.height = size;
  const c = /** @type {CanvasRenderingContext2D} */ (tile.getContext('2d'));
  c.fillStyle = colour;
  c.strokeStyle = colour;
  c.globalAlpha = 0.3;
  c.fillRect(0, 0, size, size);
  c.globalAlpha = 1;
  c.lineWidth = 1.5 * dpr;
  c.beginPath();
  if (kind === 'dots') {
    c.arc(size / 2, size / 2, 1.4 * dpr, 0, Math.PI * 2);
    c.fill();
  } else {
    if (kind === 'stripes' || kind === 'crosshatch') {
      c.moveTo(0, size);
      c.lineTo(size, 0);
    }
    if (kind === 'crosshatch') {
      c.moveTo(0, 0);
      c.lineTo(size, size);
    }
    if (kind === 'lines') {
      c.moveTo(0, size / 2);
      c.lineTo(size, size / 2);
    }
    c.stroke();
  }
  return /** @type {CanvasPattern} */ (ctx.createPattern(tile, 'repeat'));
}

/** @param {HTMLCanvasElement} canvas @param {CanvasRenderingContext2D} ctx @param {number} dpr */
function fills(canvas, ctx, dpr) {
  let f = fillsByCanvas.get(canvas);
  if (f) return f;
  const style = getComputedStyle(canvas);
  /** @type {Record<string, CanvasPattern | string>} */
  const made = {};
  for (const [label, kind] of Object.entries(LABEL_PATTERN)) {
    const colour = style.getPropertyValue(`--c-${label}`).trim() || '#888';
    made[label] = fill(ctx, colour, kind, dpr);
  }
  fillsByCanvas.set(canvas, made);
  return made;
}

/**
 * Draws the newest windowMs of points (see spanOf). Sized to the canvas's CSS box at the screen's
 * pixel ratio.
 * @param {HTMLCanvasElement} canvas @param {readonly TimelinePoint[]} points
 * @param {number} [windowMs] @param {number} [minWindowMs]
 */
export function drawTimeline(canvas, points, windowMs = TIMELINE_WINDOW_MS, minWindowMs = 60_000) {
  const dpr = window.devicePixelRatio || 1;
  const w = Math.max(1, Math.round(canvas.clientWidth * dpr));
  const hgt = Math.max(1, Math.round(canvas.clientHeight * dpr));
  if (canvas.width !== w || canvas.height !== hgt) {
    canvas.width = w;
    canvas.height = hgt;
    fillsByCanvas.delete(canvas);
  }
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.clearRect(0, 0, w, hgt);
  const style = getComputedStyle(canvas);
  // The "strong" threshold, dashed, so the bars' height reads against something.
  ctx.strokeStyle = style.getPropertyValue('--c-grid').trim() || '#999';
  ctx.lineWidth = dpr;
  ctx.setLineDash([3 * dpr, 3 * dpr]);
  const strongY = hgt - 0.7 * (hgt - dpr);
  ctx.beginPath();
  ctx.moveTo(0, strongY);
  ctx.lineTo(w, strongY);
  ctx.stroke();
  ctx.setLineDash([]);
  if (points.length === 0) return;
  const span = spanOf(points, windowMs, minWindowMs);
  const { startMs } = span;
  windowMs = span.windowMs;
  const f = fills(canvas, ctx, dpr);
  const barW = Math.max(dpr, (w * 250) / windowMs);
  for (let i = points.length - 1; i >= 0; i--) {
    const p = /** @type {TimelinePoint} */ (points[i]);
    if (p.tsMs < startMs) break;
    const x = ((p.tsMs - startMs) / windowMs) * w - barW;
    const barH = Math.max(dpr, p.level * (hgt - dpr));
    ctx.fillStyle = f[p.label ?? 'prosody'] ?? '#888';
    ctx.fillRect(x, hgt - barH, barW, barH);
  }
}

/**
 * The strip in one sentence.
 * @param {readonly TimelinePoint[]} points @param {T} t @param {number} [windowMs]
 */
export function timelineSummary(points, t, windowMs = TIMELINE_WINDOW_MS) {
  const last = points.at(-1);
  if (!last) return t('timeline.empty');
  const recent = points.filter((p) => p.tsMs >= last.tsMs - windowMs);
  const spanS = Math.max(1, Math.round((last.tsMs - /** @type {TimelinePoint} */ (recent[0]).tsMs) / 1000));
  if (last.label) {
    /** @type {Map<string, number>} */
    const counts = new Map();
    for (const p of recent) if (p.label) counts.set(p.label, (counts.get(p.label) ?? 0) + 1);
    const mostly = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? last.label;
    return t('timeline.summary.label', { s: spanS, label: t(`emotion.${mostly}`), now: t(`emotion.${last.label}`) });
  }
  const peak = Math.max(...recent.map((p) => p.level));
  return t('timeline.summary.prosody', { s: spanS, peak: Math.round(peak * 100), now: Math.round(last.level * 100) });
}
