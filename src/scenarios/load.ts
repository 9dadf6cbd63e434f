// Reads scenario files (scenarios/<id>.json) and validates them against the schema, naming the
// file and the field of any mistake.

import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { packagePath } from '../config/paths.js';
import { scenarioSchema, type Scenario } from './schema.js';

/** The scripted calls shipped with callcue. */
export const SCENARIOS_DIR = packagePath('scenarios');

export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';
}

/** Validates parsed JSON; `source` names it in errors. */
export function parseScenario(raw: unknown, source = 'scenario'): Scenario {
  const parsed = scenarioSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
    throw new ScenarioError(`${source}: ${where}: ${issue.message}`);
  }
  return parsed.data;
}

export function loadScenario(file: string): Scenario {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ScenarioError(`${file}: ${(err as Error).message}`);
  }
  const scenario = parseScenario(raw, file);
  const expected = basename(file, '.json');
  if (scenario.id !== expected) throw new ScenarioError(`${file}: the id "${scenario.id}" must match the file name "${expected}"`);
  return scenario;
}

/** Every scenario in a folder, in file-name order. */
export function loadScenarios(dir = SCENARIOS_DIR): Scenario[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  return files.map((f) => loadScenario(join(dir, f)));
}

/** One scenario by id from a folder. */
export function loadScenarioById(id: string, dir = SCENARIOS_DIR): Scenario {
  if (!/^[a-zA-Z0-9-]+$/.test(id)) throw new ScenarioError(`"${id}" is not a scenario id`);
  return loadScenario(join(dir, `${id}.json`));
}
