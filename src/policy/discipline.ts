// Prompt discipline: an assist that cries wolf is switched off within a week. Each rule has a
// cooldown, a call gets at most maxPromptsPerMinute prompts about the caller and as many coaching
// the agent (priority-1 compliance and escalation prompts excepted, and not counted), and every
// prompt expires. Times are media time, so a replay at any speed
// behaves like the live call.

import type { Playbook, PlaybookRule } from './schema.js';

export type Verdict = 'show' | 'cooldown' | 'cap' | 'disabled';

export class PromptDiscipline {
  private readonly lastByRule = new Map<string, number>();
  /** When prompts were shown, per family: help with the caller, and coaching of the agent. */
  private readonly shown = { caller: [] as number[], coaching: [] as number[] };

  decide(ruleId: string, rule: PlaybookRule, playbook: Playbook, tsMs: number): Verdict {
    if (!rule.enabled) return 'disabled';
    const cooldownMs = rule.cooldownMs ?? playbook.discipline.defaultCooldownMs;
    const last = this.lastByRule.get(ruleId);
    if (last !== undefined && tsMs - last < cooldownMs) return 'cooldown';
    // The cap is per family, so a caller in crisis does not silence the agent's coaching (or the reverse).
    const shown = rule.kind === 'language' || rule.kind === 'coaching' ? this.shown.coaching : this.shown.caller;
    while (shown.length > 0 && shown[0]! <= tsMs - 60_000) shown.shift();
    // Priority 1 (compliance, escalation) is never held back, and does not use up the cap either:
    // a call that needs a supervisor still deserves its language coaching.
    if (rule.priority === 1) {
      this.lastByRule.set(ruleId, tsMs);
      return 'show';
    }
    if (shown.length >= playbook.discipline.maxPromptsPerMinute) return 'cap';
    this.lastByRule.set(ruleId, tsMs);
    shown.push(tsMs);
    return 'show';
  }
}
