// Prompt discipline: an assist that cries wolf is switched off within a week. Each rule has a
// cooldown, a call gets at most maxPromptsPerMinute prompts (priority-1 compliance and escalation
// prompts excepted), and every prompt expires. Times are media time, so a replay at any speed
// behaves like the live call.

import type { Playbook, PlaybookRule } from './schema.js';

export type Verdict = 'show' | 'cooldown' | 'cap' | 'disabled';

export class PromptDiscipline {
  private readonly lastByRule = new Map<string, number>();
  private readonly shown: number[] = [];

  decide(ruleId: string, rule: PlaybookRule, playbook: Playbook, tsMs: number): Verdict {
    if (!rule.enabled) return 'disabled';
    const cooldownMs = rule.cooldownMs ?? playbook.discipline.defaultCooldownMs;
    const last = this.lastByRule.get(ruleId);
    if (last !== undefined && tsMs - last < cooldownMs) return 'cooldown';
    while (this.shown.length > 0 && this.shown[0]! <= tsMs - 60_000) this.shown.shift();
    if (rule.priority > 1 && this.shown.length >= playbook.discipline.maxPromptsPerMinute) return 'cap';
    this.lastByRule.set(ruleId, tsMs);
    this.shown.push(tsMs);
    return 'show';
  }
}
