// The shape of a synthetic template set: named slot fillers and per-label templates.

import type { EmotionLabel } from '../../frames/types.js';

export interface TemplateSet {
  slots: Record<string, string[]>;
  templates: Record<EmotionLabel, string[]>;
}
