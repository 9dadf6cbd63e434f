// Several MLPs trained on the same data with different seeds, averaged in logit space. That
// average is itself one MLP: the hidden layers side by side and the output weights divided by
// the member count, so the ONNX graph and the live cost stay those of a single wider network.
// Averaging seeds steadies the decision on unseen speakers (one net's quirks cancel out).

import { trainMlp, type MlpModel, type MlpOptions, type TrainingSet } from './mlp.js';

/** One MLP equal to the logit average of the members (same inputs, standardisation, classes). */
export function mergeMlps(members: readonly MlpModel[]): MlpModel {
  const first = members[0];
  if (!first) throw new RangeError('mergeMlps needs at least one model');
  const k = members.length;
  const { inputs, classes } = first;
  const H = first.hidden;
  if (H === 0 || members.some((m) => m.hidden !== H || m.inputs !== inputs || m.classes !== classes)) {
    throw new RangeError('mergeMlps needs members of one hidden-layer shape');
  }
  const hidden = H * k;
  const w1 = new Float32Array(hidden * inputs);
  const b1 = new Float32Array(hidden);
  const w2 = new Float32Array(classes * hidden);
  const b2 = new Float32Array(classes);
  members.forEach((m, j) => {
    w1.set(m.w1, j * H * inputs);
    b1.set(m.b1, j * H);
    for (let c = 0; c < classes; c++) {
      for (let h = 0; h < H; h++) w2[c * hidden + j * H + h] = m.w2[c * H + h] / k;
      b2[c] += m.b2[c] / k;
    }
  });
  return { inputs, hidden, classes, mean: first.mean, std: first.std, w1, b1, w2, b2 };
}

/** `count` members with seeds seed, seed+1, …, merged into one model. */
export function trainMlpEnsemble(set: TrainingSet, classes: number, options: MlpOptions, count: number): MlpModel {
  const members = Array.from({ length: Math.max(1, count) }, (_, i) => trainMlp(set, classes, { ...options, seed: options.seed + i }));
  return members.length === 1 ? members[0] : mergeMlps(members);
}
