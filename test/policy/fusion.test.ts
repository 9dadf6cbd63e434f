// Fusion on scripted evidence over time: sustained evidence to start, calm to end, voice alone
// needs longer, strong words act at once, disagreement is "uncertain", trend follows intensity.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EmotionFusion } from '../../src/classifiers/fusion.js';
import { parsePlaybook } from '../../src/policy/store.js';
import type { EmotionProbs } from '../../src/frames/types.js';

const playbook = parsePlaybook(readFileSync('playbooks/default.json', 'utf8'), 'default');
const P = (neutral: number, anger: number, anxiety: number, disappointment: number): EmotionProbs => ({ neutral, anger, anxiety, disappointment });
const fusion = () => new EmotionFusion(() => playbook.fusion);

/** Feeds voice windows every 250 ms from fromMs to toMs; returns the states. */
function voice(f: EmotionFusion, probs: EmotionProbs, fromMs: number, toMs: number) {
  const states = [];
  for (let t = fromMs; t <= toMs; t += 250) {
    f.addVoice(probs, t);
    states.push({ t, ...f.update(t) });
  }
  return states;
}

describe('EmotionFusion', () => {
  it('stays neutral on neutral evidence', () => {
    const s = voice(fusion(), P(0.8, 0.1, 0.05, 0.05), 0, 20_000);
    expect(new Set(s.map((x) => x.active))).toEqual(new Set(['neutral']));
    expect(s.every((x) => x.onset === null)).toBe(true);
  });

  it('voice alone needs sustained, strong evidence: a 1 s burst of anger does not start a state', () => {
    const f = fusion();
    voice(f, P(0.8, 0.1, 0.05, 0.05), 0, 5000);
    const burst = voice(f, P(0.05, 0.9, 0.03, 0.02), 5250, 6250);
    const after = voice(f, P(0.8, 0.1, 0.05, 0.05), 6500, 12_000);
    expect([...burst, ...after].some((x) => x.active === 'anger')).toBe(false);
  });

  it('sustained angry voice starts anger after the voice-only onset time, once', () => {
    const f = fusion();
    voice(f, P(0.8, 0.1, 0.05, 0.05), 0, 5000);
    const s = voice(f, P(0.05, 0.9, 0.03, 0.02), 5250, 15_000);
    const onsets = s.filter((x) => x.onset);
    expect(onsets.map((x) => x.onset)).toEqual(['anger']);
    expect(onsets[0]!.t - 5250).toBeGreaterThanOrEqual(playbook.fusion.voiceOnlyOnsetMs);
    expect(s.at(-1)!.label).toBe('anger');
    expect(s.at(-1)!.intensity).toBeGreaterThan(0.6);
  });

  it('strong words start a state at once, and it fades back to neutral only after sustained calm', () => {
    const f = fusion();
    voice(f, P(0.7, 0.1, 0.1, 0.1), 0, 3000);
    f.addText(P(0.02, 0.95, 0.02, 0.01), true, 3100);
    const now = f.update(3100);
    expect(now.onset).toBe('anger');
    expect(now.sources).toEqual(['prosody', 'text']);
    const calm = voice(f, P(0.9, 0.04, 0.03, 0.03), 3250, 60_000);
    const end = calm.find((x) => x.active === 'neutral')!;
    expect(end).toBeDefined();
    // Not before the calm period has held.
    expect(end.t - 3250).toBeGreaterThanOrEqual(playbook.fusion.calmMs);
  });

  it('words from an utterance that ended long ago do not back a new burst of voice for the quick onset', () => {
    // Words leaning to anger 10 s ago (still in the mix at a 15 s half-life), then an angry first
    // second of a new utterance: that is voice alone, and a 1 s burst starts nothing.
    const f = fusion();
    voice(f, P(0.8, 0.1, 0.05, 0.05), 0, 8000);
    f.addText(P(0.3, 0.6, 0.05, 0.05), true, 8000);
    f.update(8000);
    const burst = voice(f, P(0.2, 0.7, 0.05, 0.05), 18_000, 19_000);
    expect(burst.some((x) => x.onset !== null)).toBe(false);
    expect(burst.at(-1)!.sources).toContain('text');
    // The same words said just now do back it: the onset comes after onsetMs, not voiceOnlyOnsetMs.
    const g = fusion();
    voice(g, P(0.8, 0.1, 0.05, 0.05), 0, 8000);
    g.addText(P(0.3, 0.6, 0.05, 0.05), true, 17_900);
    const backed = voice(g, P(0.2, 0.7, 0.05, 0.05), 18_000, 19_000);
    expect(backed.some((x) => x.onset === 'anger')).toBe(true);
  });

  it('says uncertain when voice and words are each sure of different target emotions', () => {
    const f = fusion();
    f.addVoice(P(0.05, 0.05, 0.85, 0.05), 1000);
    f.addText(P(0.05, 0.05, 0.05, 0.85), true, 1000);
    expect(f.update(1000).label).toBe('uncertain');
  });

  it('trend: rising while anger grows, easing as it falls', () => {
    const f = fusion();
    f.addText(P(0.1, 0.8, 0.05, 0.05), true, 0);
    f.update(0);
    let rising = false;
    for (let t = 250, a = 0.55; t <= 6000; t += 250, a = Math.min(0.97, a + 0.03)) {
      f.addVoice(P(1 - a - 0.02, a, 0.01, 0.01), t);
      if (f.update(t).trend === 'rising') rising = true;
    }
    expect(rising).toBe(true);
    let easing = false;
    for (let t = 6250, a = 0.95; t <= 12_000; t += 250, a = Math.max(0.35, a - 0.05)) {
      f.addVoice(P(1 - a - 0.02, a, 0.01, 0.01), t);
      if (f.update(t).trend === 'easing') easing = true;
    }
    expect(easing).toBe(true);
  });
});
