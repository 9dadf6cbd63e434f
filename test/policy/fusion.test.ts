// Fusion on scripted evidence over time: sustained evidence to start, calm to end, voice alone
// needs longer and a change from how the caller usually sounds, unequivocal words act at once (on a
// partial too), "uncertain" only for real conflict and never beside a state in force, trend
// follows intensity.

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
    voice(f, P(0.8, 0.1, 0.05, 0.05), 0, 10_000);
    const s = voice(f, P(0.05, 0.9, 0.03, 0.02), 10_250, 20_000);
    const onsets = s.filter((x) => x.onset);
    expect(onsets.map((x) => x.onset)).toEqual(['anger']);
    expect(onsets[0]!.t - 10_250).toBeGreaterThanOrEqual(playbook.fusion.voiceOnlyOnsetMs);
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

  it('says uncertain when voice and words each clearly name a different target, and no state is in force', () => {
    const f = fusion();
    f.addVoice(P(0.05, 0.05, 0.85, 0.05), 1000);
    f.addText(P(0.2, 0.05, 0.05, 0.7), true, 1000);
    expect(f.update(1000)).toMatchObject({ label: 'uncertain', active: 'neutral', onset: null });
  });

  it('says neutral, not uncertain, on weak evidence that does not conflict', () => {
    const f = fusion();
    f.addVoice(P(0.35, 0.3, 0.2, 0.15), 1000);
    f.addText(P(0.4, 0.3, 0.2, 0.1), true, 1000);
    expect(f.update(1000).label).toBe('neutral');
  });

  it('shows the state in force, not "uncertain", when unequivocal words start it against the voice', () => {
    // "I'm furious!" in a voice the model hears as anxious: the words win, and the screen says so.
    const f = fusion();
    voice(f, P(0.1, 0.05, 0.8, 0.05), 0, 2000);
    f.addText(P(0.03, 0.92, 0.03, 0.02), true, 2100);
    const now = f.update(2100);
    expect(now).toMatchObject({ label: 'anger', active: 'anger', onset: 'anger' });
    const later = voice(f, P(0.1, 0.05, 0.8, 0.05), 2250, 5000);
    expect(later.every((x) => x.label === 'anger')).toBe(true);
  });

  it('starts a state at once on a partial that holds a strong phrase', () => {
    const f = fusion();
    voice(f, P(0.8, 0.1, 0.05, 0.05), 0, 3000);
    f.addText(P(0.4, 0.45, 0.1, 0.05), false, 3100, 'anger');
    expect(f.update(3100)).toMatchObject({ onset: 'anger', label: 'anger' });
  });

  it('takes a strong phrase as unequivocal only when the model finds its emotion clearly ahead of the others', () => {
    const f = fusion();
    voice(f, P(0.8, 0.1, 0.05, 0.05), 0, 3000);
    // 「我對你們已經很失望」 flagged as anger, the model torn between anger and disappointment.
    f.addText(P(0.04, 0.51, 0.02, 0.43), false, 3100, 'anger');
    expect(f.update(3100).onset).toBeNull();
    f.addText(P(0.04, 0.7, 0.02, 0.24), false, 3600, 'anger');
    expect(f.update(3600).onset).toBe('anger');
  });

  it('starts a state at once on a final only when the model is sureFinalAbove sure of it, whatever the voice', () => {
    // "How long does a transfer abroad take?" read as anxiety 0.85, said in a calm voice: not at once.
    const f = fusion();
    voice(f, P(0.8, 0.1, 0.05, 0.05), 0, 3000);
    f.addText(P(0.1, 0.02, 0.85, 0.03), true, 3100);
    expect(f.update(3100)).toMatchObject({ onset: null, label: 'neutral' });
    expect(playbook.fusion.sureFinalAbove).toBeGreaterThan(0.85);
    // The same final the model is 0.92 sure of starts it.
    f.addText(P(0.03, 0.02, 0.92, 0.03), true, 3600);
    expect(f.update(3600).onset).toBe('anxiety');
  });

  it('lets a strong phrase replace another emotion in force at once only when the model is sure of it', () => {
    const f = fusion();
    voice(f, P(0.8, 0.1, 0.05, 0.05), 0, 3000);
    f.addText(P(0.02, 0.03, 0.03, 0.92), true, 3100);
    expect(f.update(3100).onset).toBe('disappointment');
    // A disappointed caller who says she will complain: a complaint phrase the model reads as anger at 0.7.
    f.addText(P(0.05, 0.7, 0.05, 0.2), false, 4100, 'anger');
    expect(f.update(4100)).toMatchObject({ onset: null, label: 'disappointment' });
    // "I am furious!" the model is sure of, naming the feeling, replaces it on a partial.
    f.addText(P(0.02, 0.93, 0.02, 0.03), false, 4600, 'anger', true);
    expect(f.update(4600)).toMatchObject({ onset: 'anger', label: 'anger' });
  });

  it('replaces an emotion in force on a partial only with words that name the feeling', () => {
    const f = fusion();
    voice(f, P(0.8, 0.1, 0.05, 0.05), 0, 3000);
    f.addText(P(0.02, 0.03, 0.03, 0.92), true, 3100);
    expect(f.update(3100).onset).toBe('disappointment');
    // 「又是稍後。我已經等過很多次」 — on its way to 「…我對你們已經很失望」: a repeat-contact phrase the
    // model reads as anger at 0.85 on the partial, naming no feeling.
    f.addText(P(0.05, 0.85, 0.02, 0.08), false, 4100, 'anger', false);
    expect(f.update(4100)).toMatchObject({ onset: null, label: 'disappointment' });
    // The same words, final and as sure: the caller said no more, and anger replaces it.
    f.addText(P(0.05, 0.85, 0.02, 0.08), true, 4600, 'anger', false);
    expect(f.update(4600)).toMatchObject({ onset: 'anger', label: 'anger' });
  });

  it('with no voice, moves one emotion to another only on final words, not on a sentence still being spoken', () => {
    // The voice model has no verdict on this call (e.g. a language it is not validated on): words only.
    const f = fusion();
    f.addText(P(0.02, 0.03, 0.03, 0.92), true, 1000);
    expect(f.update(1000).onset).toBe('disappointment');
    // Partials the model is sure are angry, for four seconds, with no strong phrase.
    for (let t = 2000; t <= 6000; t += 500) {
      f.addText(P(0.01, 0.95, 0.01, 0.03), false, t);
      expect(f.update(t)).toMatchObject({ onset: null, label: 'disappointment' });
    }
    // The final says what the partials were on the way to.
    f.addText(P(0.02, 0.2, 0.02, 0.76), true, 6500);
    expect(f.update(6500).label).toBe('disappointment');
    // Final words that stay angry move the state after the usual onset time.
    const g = fusion();
    g.addText(P(0.05, 0.05, 0.05, 0.85), true, 1000);
    g.update(1000);
    const labels = [];
    for (let t = 2000; t <= 6000; t += 500) {
      g.addText(P(0.03, 0.79, 0.02, 0.16), true, t);
      labels.push(g.update(t).label);
    }
    expect(labels.at(-1)).toBe('anger');
  });

  it('counts a state that lapsed while the agent talked as in force when another emotion starts soon after', () => {
    const f = fusion();
    f.addText(P(0.02, 0.03, 0.03, 0.92), true, 1000);
    expect(f.update(1000).onset).toBe('disappointment');
    // The agent talks for a long while: the caller's words fade and the state lapses.
    let t = 1000;
    while (f.update(t).label === 'disappointment') t += 1000;
    expect(t).toBeLessThan(60_000);
    // The caller's next partial holds a strong anger phrase that names no feeling ("so many times").
    f.addText(P(0.05, 0.6, 0.05, 0.3), false, t + 2000, 'anger', false);
    expect(f.update(t + 2000).onset).toBeNull();
    // Long after, the same words start anger at once: the caller did calm down in between.
    f.addText(P(0.05, 0.6, 0.05, 0.3), false, t + 60_000, 'anger', false);
    expect(f.update(t + 60_000).onset).toBe('anger');
  });

  it('does not start a state on partials the model is sure of without a strong phrase: a misread word stays in every partial', () => {
    // "Sorry", "Sorry, could you say…" read as disappointment, in a calm voice.
    const f = fusion();
    voice(f, P(0.8, 0.1, 0.05, 0.05), 0, 3000);
    for (let t = 3100; t <= 6100; t += 500) {
      f.addText(P(0.05, 0.0, 0.0, 0.95), false, t);
      f.addVoice(P(0.7, 0.1, 0.05, 0.15), t);
      expect(f.update(t).onset).toBeNull();
    }
  });

  it('needs voice and words to agree for a state they start together', () => {
    // An angry first second of voice and words leaning to anger but not sure of it.
    const f = fusion();
    voice(f, P(0.8, 0.1, 0.05, 0.05), 0, 10_000);
    const states = [];
    for (let t = 10_250; t <= 12_000; t += 250) {
      f.addVoice(P(0.02, 0.95, 0.02, 0.01), t);
      if (t % 500 === 0) f.addText(P(0.3, 0.45, 0.05, 0.2), false, t);
      states.push(f.update(t));
    }
    expect(states.some((x) => x.onset !== null)).toBe(false);
    // The same voice with words that say anger on their own: anger after onsetMs.
    const g = fusion();
    voice(g, P(0.8, 0.1, 0.05, 0.05), 0, 10_000);
    let onsetAt = -1;
    for (let t = 10_250; t <= 14_000; t += 250) {
      g.addVoice(P(0.02, 0.95, 0.02, 0.01), t);
      if (t % 500 === 0) g.addText(P(0.2, 0.65, 0.05, 0.1), false, t);
      if (g.update(t).onset === 'anger' && onsetAt < 0) onsetAt = t;
    }
    expect(onsetAt).toBeGreaterThanOrEqual(10_500 + playbook.fusion.onsetMs);
    expect(onsetAt).toBeLessThan(14_000);
  });

  it('lets windows that are mostly silence move the voice evidence only in proportion to their speech', () => {
    // A calm caller stops speaking; the windows over the tail of the turn, ever less speech, read
    // as anger, while the words lean to anger: no onset. The same verdicts on windows full of
    // speech, with the same words, are agreement.
    const run = (speechShare: number) => {
      const f = fusion();
      for (let t = 0; t <= 10_000; t += 250) f.addVoice(P(0.8, 0.1, 0.05, 0.05), t, Infinity, 0.8);
      f.addText(P(0.06, 0.74, 0.03, 0.17), true, 10_000);
      let onset: string | null = null;
      for (let t = 10_250; t <= 12_500; t += 250) {
        f.addVoice(P(0.0, 1.0, 0.0, 0.0), t, Infinity, speechShare);
        onset ??= f.update(t).onset;
      }
      return onset;
    };
    expect(run(0.25)).toBeNull();
    expect(run(1)).toBe('anger');
  });

  it('never starts a state on voice alone for a caller the model always hears that way', () => {
    // A voice the model reads as angry from the first window (a synthetic voice, a loud caller).
    const f = fusion();
    const s = voice(f, P(0.08, 0.9, 0.01, 0.01), 0, 60_000);
    expect(s.some((x) => x.onset !== null)).toBe(false);
    expect(new Set(s.map((x) => x.label))).toEqual(new Set(['neutral']));
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
