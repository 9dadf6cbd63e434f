// @ts-check
// The caller's state in words: the label, how strong, which way it is going, and — when no model
// gives a label — the measured prosody said plainly. Shared by both screens; pure.

/** @typedef {import('./types.js').EmotionEvent} EmotionEvent */
/** @typedef {import('./types.js').ProsodySummary} ProsodySummary */
/** @typedef {(key: string, vars?: Record<string, string | number>) => string} T */

/** Below this much baseline speech the relative figures mean little yet. */
export const BASELINE_READY_S = 4;

/** @param {number} x */
const clamp01 = (x) => Math.max(0, Math.min(1, x));

/**
 * How agitated the voice sounds from measurement alone, 0..1: higher, louder and faster than this
 * caller's own baseline (manual §3: fast, high-pitched speech goes with agitation). Not a label.
 * @param {ProsodySummary} p
 */
export function prosodyArousal(p) {
  if (p.voiceActivity < 0.2 || p.baselineSpeechS < BASELINE_READY_S) return 0;
  return (clamp01(p.pitchRelPct / 50) + clamp01(p.loudnessRelDb / 8) + clamp01(p.speakingRateRelPct / 50)) / 3;
}

/** @param {number} intensity 0..1 @returns {'mild' | 'moderate' | 'strong'} */
export function intensityWord(intensity) {
  return intensity >= 0.7 ? 'strong' : intensity >= 0.4 ? 'moderate' : 'mild';
}

/** @param {number} v @param {number} digits */
function signed(v, digits = 0) {
  const r = Number(v.toFixed(digits));
  return r > 0 ? `+${r}` : r < 0 ? `−${Math.abs(r)}` : '±0';
}

/**
 * The measured prosody as short sentences, strongest deviation first.
 * @param {ProsodySummary} p @param {T} t
 * @returns {string[]}
 */
export function prosodyLines(p, t) {
  // No syllable in the window: whatever the level detector let through (hiss, breath), nobody is speaking.
  if (p.voiceActivity < 0.05 || p.speakingRateSylPerS === 0) return [t('prosody.silent')];
  if (p.baselineSpeechS < BASELINE_READY_S) {
    return [t('prosody.learning', { s: Math.round(p.baselineSpeechS) }), t('prosody.activity', { v: Math.round(p.voiceActivity * 100) })];
  }
  const rel = [
    { weight: Math.abs(p.pitchRelPct) / 50, text: t('prosody.pitch', { v: signed(p.pitchRelPct) }) },
    { weight: Math.abs(p.loudnessRelDb) / 8, text: t('prosody.loudness', { v: signed(p.loudnessRelDb, 1) }) },
    { weight: Math.abs(p.speakingRateRelPct) / 50, text: t('prosody.rate', { v: signed(p.speakingRateRelPct) }) },
  ].sort((a, b) => b.weight - a.weight);
  return [...rel.map((r) => r.text), t('prosody.activity', { v: Math.round(p.voiceActivity * 100) })];
}

/**
 * The headline for the caller's state now.
 * @param {EmotionEvent | null} e @param {T} t
 * @returns {{ icon: string, label: string, detail: string, intensity: number | null, labelled: boolean }}
 */
export function describeEmotion(e, t) {
  if (!e) return { icon: 'waiting', label: t('emotion.waiting'), detail: '', intensity: null, labelled: false };
  if (!e.label && e.learning) {
    const heard = e.prosody.baselineSpeechS > 0 || e.speaking;
    return { icon: 'waiting', label: t(heard ? 'emotion.learning' : 'emotion.waiting'), detail: '', intensity: null, labelled: false };
  }
  if (!e.label) return { icon: 'prosody', label: t('emotion.none'), detail: '', intensity: null, labelled: false };
  const label = t(`emotion.${e.label}`);
  const parts = [];
  if (e.label !== 'neutral' && e.label !== 'uncertain' && e.intensity !== undefined) {
    parts.push(`${t(`intensity.${intensityWord(e.intensity)}`)} (${e.intensity.toFixed(2)})`);
  }
  if (e.trend) parts.push(`${t(`trend.${e.trend}`)} ${TREND_ARROW[e.trend]}`);
  // Unclear has no strength of its own (the server's intensity belongs to the state it holds to).
  const intensity = e.label === 'uncertain' ? null : e.label === 'neutral' ? 0 : (e.intensity ?? null);
  return { icon: e.label, label, detail: parts.join(' · '), intensity, labelled: true };
}

/** Shape, not colour alone: the direction also reads as an arrow. */
export const TREND_ARROW = { rising: '↑', steady: '→', easing: '↓' };

/** Labels that mean trouble, and how much a supervisor should weigh each (manual §3, §4). */
export const LABEL_RISK = /** @type {Record<string, number>} */ ({ anger: 1, anxiety: 0.8, disappointment: 0.6, uncertain: 0, neutral: 0 });
