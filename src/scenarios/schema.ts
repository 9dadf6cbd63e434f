// The shape of a scripted training call (manual §6 典型場景模擬訓練): who says what, how the caller's
// voice acts it, and which prompts the playbook must and must not raise. Scenario files are data
// (scenarios/<id>.json); this schema is their only definition.

import { z } from 'zod';
import { languageSchema } from '../protocol/native.js';
import { isKnownRulePattern } from './rules.js';

export const SCENARIO_KINDS = ['complaint', 'transaction', 'enquiry', 'emergency'] as const;
export const ACT_EMOTIONS = ['neutral', 'anger', 'anxiety', 'disappointment'] as const;
export const CHECKLIST_ITEMS = ['greeting', 'confirm', 'inform', 'closing'] as const;

const turnId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lower-case letters, digits and -');

/** How the caller's voice acts the line: espeak pitch, rate and loudness follow the emotion. */
export const actSchema = z
  .object({
    emotion: z.enum(ACT_EMOTIONS),
    /** 0 = neutral delivery, 1 = the strongest acting. */
    intensity: z.number().min(0).max(1).default(0.6),
    /**
     * The line's first clearly emotional words, exactly as in its text: a listener knows the
     * caller's state once they are said. `callcue eval-calls` measures onset delay from there.
     */
    cue: z.string().min(1).max(200).optional(),
  })
  .strict();

/**
 * Delivery changes on top of the act, as multiples of the voice's normal: an agent who rushes
 * (rate 1.9) or mumbles (volume 0.15). espeak clips above its -a 200, which is 2× the English
 * voice's normal and 4× the Mandarin one's.
 */
export const styleSchema = z
  .object({
    rate: z.number().min(0.5).max(2.5).optional(),
    volume: z.number().min(0.05).max(4).optional(),
    /** Added to espeak's 0–99 pitch. */
    pitchShift: z.number().min(-40).max(40).optional(),
  })
  .strict();

export const turnSchema = z
  .object({
    id: turnId.optional(),
    speaker: z.enum(['caller', 'agent']),
    text: z.string().min(1).max(600),
    act: actSchema.optional(),
    style: styleSchema.optional(),
    /** Silence before the turn, ms (default: a natural turn-taking gap). */
    pauseBeforeMs: z.number().int().min(0).max(10_000).optional(),
    /** The turn starts this long before the previous turn ends: talking over the other party. */
    overlapMs: z.number().int().min(100).max(10_000).optional(),
  })
  .strict();

const rulePattern = z
  .string()
  .regex(/^[a-z]+(?:\.[a-z-]+)*(?:\.\*)?$/, 'a rule id such as "empathy.onset.anger" or a family such as "empathy.*"')
  .refine(isKnownRulePattern, 'not a rule of the playbook contract (src/scenarios/rules.ts)');
const exactRule = rulePattern.refine((r) => !r.endsWith('.*'), 'must name one rule, not a family');

export const timingSchema = z
  .object({
    /** The prompt's first occurrence comes after this turn has started. */
    after: turnId.optional(),
    /** … and before this turn has ended. */
    before: turnId.optional(),
  })
  .strict();

export const expectSchema = z
  .object({
    /** Steps in order of first occurrence; a step that is a list may occur in any order within itself. */
    must: z.array(z.union([exactRule, z.array(exactRule).min(2)])).default([]),
    mustNot: z.array(rulePattern).default([]),
    /** Borderline prompts that are allowed but not required. */
    may: z.array(rulePattern).default([]),
    /** Where in the call a must-rule's first occurrence belongs, by turn id. */
    timing: z.record(z.string(), timingSchema).default({}),
    /** Checklist items that must be done when the call ends. */
    checklist: z.array(z.enum(CHECKLIST_ITEMS)).default([]),
    /** Whether a supervisor alert must, must not, or may be raised. */
    alert: z.enum(['required', 'forbidden', 'any']).default('any'),
  })
  .strict();

const variant = z.string().regex(/^[a-z][a-z0-9]{0,15}$/, 'an espeak-ng variant such as f3 or m3');

export const scenarioSchema = z
  .object({
    /** Also the file name: <kind>[-what]-<language>, e.g. complaint-en-US. */
    id: z.string().regex(/^[a-z]+(?:-[a-z0-9]+)*-[a-z]{2,3}(?:-[A-Za-z]{2,4})?$/, '<kind>-<language>, e.g. complaint-en-US'),
    kind: z.enum(SCENARIO_KINDS),
    language: languageSchema,
    title: z.string().min(1).max(200),
    /** What the call exercises, for docs/scenarios.md and the report. */
    summary: z.string().min(1).max(1000),
    /** Manual sections the call exercises. */
    sections: z.array(z.string().regex(/^§\d$/)).min(1),
    voices: z.object({ caller: variant, agent: variant }).strict().default({ caller: 'f3', agent: 'm3' }),
    turns: z.array(turnSchema).min(2).max(80),
    expect: expectSchema,
  })
  .strict()
  .superRefine((s, ctx) => {
    if (!s.id.startsWith(`${s.kind}-`) || !s.id.endsWith(`-${s.language}`)) {
      ctx.addIssue({ code: 'custom', path: ['id'], message: `the id must start with "${s.kind}-" and end with "-${s.language}"` });
    }
    const ids = new Set<string>();
    s.turns.forEach((t, i) => {
      if (t.id !== undefined) {
        if (ids.has(t.id)) ctx.addIssue({ code: 'custom', path: ['turns', i, 'id'], message: `turn id "${t.id}" is used twice` });
        ids.add(t.id);
      }
      if (t.act !== undefined && t.speaker !== 'caller') {
        ctx.addIssue({ code: 'custom', path: ['turns', i, 'act'], message: "act is the caller's emotion; use style for the agent's delivery" });
      }
      if (t.act?.cue !== undefined) {
        if (!t.text.includes(t.act.cue)) ctx.addIssue({ code: 'custom', path: ['turns', i, 'act', 'cue'], message: `"${t.act.cue}" is not in the line's text` });
        if (t.act.emotion === 'neutral') ctx.addIssue({ code: 'custom', path: ['turns', i, 'act', 'cue'], message: 'a cue marks emotional words: not on a neutral act' });
      }
      if (t.overlapMs !== undefined) {
        const prev = s.turns[i - 1];
        if (prev === undefined || prev.speaker === t.speaker) {
          ctx.addIssue({ code: 'custom', path: ['turns', i, 'overlapMs'], message: 'a turn can only overlap the previous turn of the other speaker' });
        }
        if (t.pauseBeforeMs !== undefined) {
          ctx.addIssue({ code: 'custom', path: ['turns', i, 'pauseBeforeMs'], message: 'a turn has either pauseBeforeMs or overlapMs' });
        }
      }
    });
    const mustRules = s.expect.must.flat();
    if (new Set(mustRules).size !== mustRules.length) {
      ctx.addIssue({ code: 'custom', path: ['expect', 'must'], message: 'a rule appears twice in must' });
    }
    for (const rule of mustRules) {
      const banned = s.expect.mustNot.find((p) => (p.endsWith('.*') ? rule.startsWith(p.slice(0, -1)) : p === rule));
      if (banned) ctx.addIssue({ code: 'custom', path: ['expect', 'mustNot'], message: `"${rule}" is both required and forbidden (${banned})` });
    }
    for (const [rule, timing] of Object.entries(s.expect.timing)) {
      if (!mustRules.includes(rule)) {
        ctx.addIssue({ code: 'custom', path: ['expect', 'timing', rule], message: 'timing is only for rules listed in must' });
      }
      for (const ref of [timing.after, timing.before]) {
        if (ref !== undefined && !ids.has(ref)) {
          ctx.addIssue({ code: 'custom', path: ['expect', 'timing', rule], message: `no turn has the id "${ref}"` });
        }
      }
    }
  });

export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type ScenarioTurn = z.infer<typeof turnSchema>;
export type ScenarioExpect = z.infer<typeof expectSchema>;
export type Act = z.infer<typeof actSchema>;
export type TurnStyle = z.infer<typeof styleSchema>;
export type ScenarioKind = (typeof SCENARIO_KINDS)[number];
export type ActEmotion = (typeof ACT_EMOTIONS)[number];
export type ChecklistItem = (typeof CHECKLIST_ITEMS)[number];
