// The shipped scenario files: valid against the schema, covering the manual's four scenarios in
// zh-CN and en-US (plus a Traditional-script call), written in their call's script, and consistent
// with the agent-language rules that already exist — so a scenario's language expectations are
// what the rule tables actually find in its agent lines, and its agent follows the response flow.

import { describe, expect, it } from 'vitest';
import { loadScenarios, parseScenario, PROMPT_RULE_IDS, SCENARIO_KINDS, matchesAny, type Scenario } from '../../src/scenarios/index.js';
import { createAgentLanguageChecker } from '../../src/text/language/index.js';
import { expectedScript, scriptProblem } from '../../src/scenarios/script-check.js';

const scenarios = loadScenarios();
const byId = new Map(scenarios.map((s) => [s.id, s]));

/** The language-rule kinds the agent's lines trigger, as the live checker sees them (finals, in order). */
function agentFindings(s: Scenario) {
  const checker = createAgentLanguageChecker(s.language);
  return s.turns.filter((t) => t.speaker === 'agent').flatMap((t) => checker.check(t.text, true).map((f) => ({ turn: t.id, ...f })));
}

describe('scenario files', () => {
  it('cover the four scenarios of manual §6 in zh-CN and en-US, and one Traditional-script call', () => {
    for (const kind of SCENARIO_KINDS) {
      for (const language of ['zh-CN', 'en-US']) expect(byId.has(`${kind}-${language}`), `${kind}-${language}`).toBe(true);
    }
    expect(scenarios.some((s) => expectedScript(s.language) === 'zh-Hant')).toBe(true);
  });

  it('raise every rule of the playbook contract somewhere, except those no script can fake', () => {
    const required = new Set(scenarios.flatMap((s) => s.expect.must.flat()));
    const uncovered = PROMPT_RULE_IDS.filter((r) => !required.has(r));
    expect(uncovered).toEqual([]);
  });

  it('are written in their call’s script, caller and agent alike', () => {
    for (const s of scenarios) {
      const script = expectedScript(s.language);
      for (const t of s.turns) expect(scriptProblem(t.text, script), `${s.id} ${t.id ?? ''}: ${t.text}`).toBeNull();
    }
  });

  it('expect exactly the language prompts the agent-language rules find in their agent lines', () => {
    for (const s of scenarios) {
      const violations = agentFindings(s).filter((f) => f.polarity === 'violation');
      const found = new Set(violations.map((f) => `language.${f.kind}`));
      // secret-request is a compliance prompt, not a language one.
      found.delete('language.secret-request');
      const mustLanguage = s.expect.must.flat().filter((r) => r.startsWith('language.'));
      for (const rule of mustLanguage) expect(found.has(rule), `${s.id} requires ${rule}, which no agent line triggers`).toBe(true);
      for (const rule of found) {
        const allowed = mustLanguage.includes(rule) || matchesAny(s.expect.may, rule);
        const lines = violations.filter((f) => `language.${f.kind}` === rule).map((f) => `${f.turn}: "${f.text}"`);
        expect(allowed, `${s.id}: ${rule} is triggered by ${lines.join(', ')} but not expected`).toBe(true);
      }
      const asksSecret = violations.some((f) => f.kind === 'secret-request');
      expect(asksSecret, `${s.id}: a PIN request in the script iff compliance.secret-request is required`).toBe(s.expect.must.flat().includes('compliance.secret-request'));
    }
  });

  it('have an agent who greets, confirms and closes, so the checklist can tick', () => {
    for (const s of scenarios) {
      const kinds = new Set(agentFindings(s).map((f) => f.kind));
      for (const k of ['flow-greeting', 'flow-confirm', 'flow-closing'] as const) expect(kinds.has(k), `${s.id} lacks ${k}`).toBe(true);
    }
  });

  it('time their expectations by turns that exist, and name each file by its id', () => {
    for (const s of scenarios) {
      const ids = new Set(s.turns.map((t) => t.id));
      for (const t of Object.values(s.expect.timing)) {
        if (t.after) expect(ids.has(t.after)).toBe(true);
        if (t.before) expect(ids.has(t.before)).toBe(true);
      }
    }
  });

  it('keep the calm enquiries free of every emotion prompt', () => {
    for (const s of scenarios.filter((x) => x.kind === 'enquiry')) {
      for (const family of ['empathy.*', 'deescalation.*', 'escalation.*']) expect(s.expect.mustNot).toContain(family);
      expect(s.turns.every((t) => (t.act?.emotion ?? 'neutral') === 'neutral')).toBe(true);
    }
  });
});

describe('the scenario schema', () => {
  const base = () => JSON.parse(JSON.stringify(byId.get('enquiry-en-US'))) as Record<string, any>;

  it('names the field of a mistake', () => {
    const bad = base();
    bad.turns[1].act = { emotion: 'rage', intensity: 0.5 };
    expect(() => parseScenario(bad, 'x.json')).toThrow(/x\.json: turns\.1\.act\.emotion/);
  });

  it('refuses a rule outside the playbook contract (a typo would make a must-not unfailable)', () => {
    const bad = base();
    bad.expect.mustNot.push('empathy.onset.angr');
    expect(() => parseScenario(bad)).toThrow(/not a rule of the playbook contract/);
    const family = base();
    family.expect.mustNot.push('empaty.*');
    expect(() => parseScenario(family)).toThrow(/not a rule of the playbook contract/);
  });

  it('refuses a rule both required and forbidden, and timing on a turn that does not exist', () => {
    const both = base();
    both.expect.mustNot.push('coaching.*');
    expect(() => parseScenario(both)).toThrow(/both required and forbidden/);
    const timing = base();
    timing.expect.timing['coaching.too-fast'].after = 'no-such-turn';
    expect(() => parseScenario(timing)).toThrow(/no turn has the id "no-such-turn"/);
  });

  it('refuses an act on the agent and an overlap of one’s own turn', () => {
    const act = base();
    act.turns[0].act = { emotion: 'anger', intensity: 1 };
    expect(() => parseScenario(act)).toThrow(/use style for the agent/);
    const overlap = base();
    overlap.turns[1].overlapMs = 500;
    overlap.turns[1].speaker = 'agent';
    expect(() => parseScenario(overlap)).toThrow(/overlap the previous turn of the other speaker/);
  });

  it('refuses an id that does not match its kind and language', () => {
    const bad = base();
    bad.id = 'enquiry-zh-CN';
    expect(() => parseScenario(bad)).toThrow(/must start with "enquiry-" and end with "-en-US"/);
  });
});
