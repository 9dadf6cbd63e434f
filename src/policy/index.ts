export { PolicyEngine, type PolicyContext } from './engine.js';
export { PlaybookStore, parsePlaybook, loadPlaybookFile, type ReloadResult } from './store.js';
export { playbookSchema, type Playbook, type PlaybookRule, type FusionParams } from './schema.js';
export type { PolicySignal } from './signals.js';
export { render } from './render.js';
