// The reference baseline, rebuilt as a diagnostic (`eval-prosody --baseline`): one
// functionals vector per whole file, z-scored with *all* of the speaker's files (the test file
// and its future included, which a live call cannot do), and an RBF-kernel classifier (random
// Fourier features). It answers "is our gap in the features, the classifier or the
// normalisation?"; it is never shipped. With `targetOnly` it trains on the four product
// classes alone, as the baseline did, which is why that baseline flags most happy,
// surprised and disgusted clips (its false-alarm rate).

import { windowFunctionals } from '../features/index.js';
import { EMOTION_LABELS, type EmotionLabel } from '../frames/types.js';
import { applyChannel, drawChannel, gainForLevel } from './channel.js';
import { speakerFolds } from './crossval.js';
import { bySpeaker } from './dataset.js';
import { analyzeSamples } from './extract.js';
import { mapLabel, TRAINING_CLASSES, type ManifestRow, type TrainingClass } from './manifest.js';
import { evaluate, type Evaluation } from './metrics.js';
import { DEFAULT_RFF_OPTIONS, fitRff, predictRff } from './rff.js';
import { createRng } from './rng.js';
import { loadWav } from './wav.js';

export interface BaselineOptions {
  /** One telephone channel per speaker (all files), as a call would have; false = clean audio. */
  telephone: boolean;
  /** Train on neutral/anger/anxiety/disappointment only (the setup). */
  targetOnly: boolean;
  seed: number;
}

interface FileVector {
  x: Float32Array;
  cls: TrainingClass;
  row: ManifestRow;
}

function speakerVectors(rows: readonly ManifestRow[], o: BaselineOptions): FileVector[] {
  const rng = createRng(o.seed);
  const out: FileVector[] = [];
  for (const clips of bySpeaker(rows).values()) {
    const labelled = clips.filter((r) => mapLabel(r.label) !== undefined);
    const audio = labelled.map((r) => loadWav(r.path).samples);
    const drawn = drawChannel(rng);
    const channel = { ...drawn, gainDb: gainForLevel(drawn.speechLevelDb, audio) };
    const raw = audio.map((a) => windowFunctionals(analyzeSamples(o.telephone ? applyChannel(a, channel, rng) : a)));
    const dims = raw[0]?.length ?? 0;
    for (let d = 0; d < dims; d++) {
      let mu = 0;
      for (const v of raw) mu += v[d] / raw.length;
      let sd = 0;
      for (const v of raw) sd += (v[d] - mu) ** 2 / raw.length;
      sd = Math.sqrt(sd) > 1e-9 ? Math.sqrt(sd) : 1;
      for (const v of raw) v[d] = (v[d] - mu) / sd;
    }
    labelled.forEach((row, i) => out.push({ x: raw[i], cls: mapLabel(row.label)!, row }));
  }
  return out;
}

/** Leave-speakers-out scores of the baseline, per corpus (same folds as the real evaluation). */
export function baselineDiagnostic(rows: readonly ManifestRow[], o: BaselineOptions): Array<{ corpus: string; evaluation: Evaluation }> {
  const vectors = speakerVectors(rows, o);
  const classes: readonly TrainingClass[] = o.targetOnly ? EMOTION_LABELS : TRAINING_CLASSES;
  const corpora = [...new Set(vectors.map((v) => v.row.corpus))].sort();
  return corpora.map((corpus) => {
    const truth: TrainingClass[] = [];
    const predicted: EmotionLabel[] = [];
    for (const held of speakerFolds(vectors.filter((v) => v.row.corpus === corpus).map((v) => v.row.speaker))) {
      const heldOut = new Set(held);
      const train = vectors.filter((v) => !heldOut.has(v.row.speaker) && classes.includes(v.cls));
      const model = fitRff(
        train.map((v) => v.x),
        train.map((v) => classes.indexOf(v.cls)),
        classes.length,
        DEFAULT_RFF_OPTIONS,
      );
      for (const v of vectors.filter((t) => heldOut.has(t.row.speaker))) {
        const scores = predictRff(model, v.x);
        let best = 0;
        for (let c = 1; c < scores.length; c++) if (scores[c] > scores[best]) best = c;
        const label = classes[best];
        truth.push(v.cls);
        predicted.push(label === 'other' ? 'neutral' : label);
      }
    }
    return { corpus, evaluation: evaluate(truth, predicted) };
  });
}
