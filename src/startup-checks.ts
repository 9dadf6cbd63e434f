// Start-up checks that turn a mistaken setting into one message naming it, not a stack trace or
// a node that quietly runs without what the bank expects: the playbook file, and the emotion models
// (a node without them shows measured voice only, which must be a decision, not an accident).

import { CallcueError, ErrorCodes } from './errors.js';
import type { Config } from './config/schema.js';
import { PROSODY_MODEL_FILE } from './classifiers/prosody.js';
import { TEXT_EMOTION_SIDECAR } from './text/emotion/index.js';
import { PlaybookStore } from './policy/store.js';
import type { Logger } from './observability/logger.js';

/** The playbook store for CALLCUE_PLAYBOOK, or a CONFIG_INVALID error naming the setting and the file. */
export function openPlaybook(path: string): PlaybookStore {
  try {
    return new PlaybookStore(path);
  } catch (err) {
    if (err instanceof CallcueError) throw new CallcueError(ErrorCodes.CONFIG_INVALID, `invalid configuration: CALLCUE_PLAYBOOK: ${err.message}`);
    const e = err as NodeJS.ErrnoException;
    const why = e.code === 'ENOENT' ? 'no such file' : e.code === 'EACCES' ? 'not readable' : e.code === 'EISDIR' ? 'a folder, not a file' : e.message;
    throw new CallcueError(ErrorCodes.CONFIG_INVALID, `invalid configuration: CALLCUE_PLAYBOOK (${path}): ${why}`);
  }
}

/**
 * Refuses a node whose models folder lacks an emotion model, unless CALLCUE_ALLOW_NO_MODELS is set;
 * then warns, once, at start.
 */
export function checkModels(config: Config, modelsDir: string, found: { prosody: boolean; text: boolean }, logger: Logger): void {
  const missing = [
    found.prosody ? null : `voice (prosody) model ${PROSODY_MODEL_FILE}`,
    found.text ? null : `text emotion model ${TEXT_EMOTION_SIDECAR}`,
  ].filter((m): m is string => m !== null);
  if (missing.length === 0) return;
  const what = `CALLCUE_MODELS_DIR (${modelsDir}) has no ${missing.join(' and no ')}`;
  if (!config.allowNoModels) {
    throw new CallcueError(
      ErrorCodes.CONFIG_INVALID,
      `invalid configuration: ${what}. Point CALLCUE_MODELS_DIR at the folder with the models (the repository's models/), or set CALLCUE_ALLOW_NO_MODELS=1 to run without them`,
    );
  }
  const consequence = found.prosody || found.text ? 'emotion from one source only' : 'no emotion model: measured voice only, no emotion labels or empathy prompts';
  logger.warn({ modelsDir, missing }, `${what}: running with ${consequence} (CALLCUE_ALLOW_NO_MODELS is set)`);
}
