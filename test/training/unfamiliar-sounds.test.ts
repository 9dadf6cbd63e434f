import { describe, expect, it } from 'vitest';
import { createFrameAnalyzer, Framer } from '../../src/features/index.js';
import { createRng } from '../../src/training/rng.js';
import { UNFAMILIAR_SOUND_KINDS, unfamiliarSound } from '../../src/training/unfamiliar-sounds.js';

describe('unfamiliarSound', () => {
  it('makes the same sound for the same seed, at the asked length, within full scale', () => {
    for (const kind of UNFAMILIAR_SOUND_KINDS) {
      for (let seed = 1; seed <= 5; seed++) {
        const a = unfamiliarSound(kind, createRng(seed), 3);
        const b = unfamiliarSound(kind, createRng(seed), 3);
        expect(a).toEqual(b);
        expect(a.length).toBe(24000);
        expect(a.every((v) => Number.isFinite(v) && Math.abs(v) < 2)).toBe(true);
      }
    }
  });

  it('gives the voice-activity detector sound to hear, so the gate is what refuses it', () => {
    for (const kind of UNFAMILIAR_SOUND_KINDS) {
      let active = 0;
      let frames = 0;
      for (let seed = 1; seed <= 5; seed++) {
        const analyzer = createFrameAnalyzer();
        for (const f of new Framer().push(Float32Array.from(unfamiliarSound(kind, createRng(seed), 4), (v) => v * 0.1))) {
          frames++;
          if (analyzer.analyze(f).isSpeech) active++;
        }
      }
      expect(active / frames, kind).toBeGreaterThan(0.2);
    }
  });
});
