import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import wavefile from 'wavefile';
import { baselineDiagnostic } from '../../src/training/prosody-baseline.js';
import type { ManifestRow } from '../../src/training/manifest.js';
import { voice } from '../features/signals.js';

const { WaveFile } = wavefile;

/**
 * Four generated "actors" whose emotions differ the way acted ones do, relative to each
 * speaker's own voice: angry loud, high and fast; sad quiet, low and slow; anxious high and
 * quiet; neutral at the speaker's usual pitch and level; happy (non-target) high and loud-ish.
 */
function actedCorpus(): ManifestRow[] {
  const dir = mkdtempSync(join(tmpdir(), 'callcue-baseline-'));
  const style: Record<string, { pitch: number; amp: number; rate: number }> = {
    neutral: { pitch: 1, amp: 1, rate: 4 },
    angry: { pitch: 1.3, amp: 3, rate: 5.5 },
    sad: { pitch: 0.85, amp: 0.4, rate: 2.5 },
    fearful: { pitch: 1.45, amp: 0.7, rate: 4.5 },
    happy: { pitch: 1.25, amp: 1.6, rate: 4 },
  };
  const rows: ManifestRow[] = [];
  [100, 130, 180, 220].forEach((f0Hz, s) => {
    for (const [label, st] of Object.entries(style)) {
      for (let take = 0; take < 3; take++) {
        const samples = voice({ f0Hz: f0Hz * st.pitch * (1 + 0.02 * take), durationS: 1.6, syllablesPerS: st.rate, amplitude: 0.02 * st.amp, noise: 0.0005, seed: s * 100 + take });
        const wav = new WaveFile();
        wav.fromScratch(1, 8000, '16', Int16Array.from(samples, (v) => Math.round(Math.max(-1, Math.min(1, v)) * 32767)));
        const path = join(dir, `${s}-${label}-${take}.wav`);
        writeFileSync(path, wav.toBuffer());
        rows.push({ path, corpus: 'acted', speaker: `actor-${s}`, lang: 'xx', label, intensity: '' });
      }
    }
  });
  return rows;
}

describe('baselineDiagnostic', () => {
  it('separates emotions that differ from each speaker’s own voice, on speakers it never saw', () => {
    const rows = actedCorpus();
    for (const targetOnly of [true, false]) {
      const [result] = baselineDiagnostic(rows, { telephone: true, targetOnly, seed: 1 });
      expect(result.corpus).toBe('acted');
      expect(result.evaluation.support.anger).toBe(12);
      expect(result.evaluation.support.other).toBe(12);
      // Chance is 25 %; the styles are easy but the speakers are held out.
      expect(result.evaluation.uar).toBeGreaterThan(0.6);
    }
  });
});
