// Audio → frames → model input, with exactly the code the live pipeline runs (src/features),
// so training and inference cannot drift apart.

import { createFrameAnalyzer, Framer, type FrameFeatures } from '../features/index.js';

/** All frames of one utterance, through a fresh per-track analyzer as a new call would use. */
export function analyzeSamples(samples: Float32Array): FrameFeatures[] {
  const analyzer = createFrameAnalyzer();
  return new Framer().push(samples).map((f) => analyzer.analyze(f));
}
