// The playbook's schema: the manual (../docs, manual §1–6) turned into data a bank can edit —
// thresholds, keywords and prompt texts in English, Simplified and Traditional Chinese. A bank's own
// playbook is validated against this before it replaces the running one.

import { z } from 'zod';

/** A text in each script the product serves. zh-Hant falls back to zh-Hans converted by OpenCC. */
export const localizedSchema = z
  .object({ en: z.string().min(1), 'zh-Hans': z.string().min(1), 'zh-Hant': z.string().min(1).optional() })
  .strict();
export const localizedListSchema = z
  .object({ en: z.array(z.string().min(1)), 'zh-Hans': z.array(z.string().min(1)), 'zh-Hant': z.array(z.string().min(1)).optional() })
  .strict();

export const PROMPT_KINDS = ['empathy', 'deescalation', 'escalation', 'compliance', 'language', 'coaching'] as const;

export const ruleSchema = z
  .object({
    enabled: z.boolean().default(true),
    kind: z.enum(PROMPT_KINDS),
    /** The manual section the rule encodes. */
    section: z.string().regex(/^§\d$/),
    /** 1 = most urgent (bypasses the per-minute cap), 5 = least. */
    priority: z.number().int().min(1).max(5),
    cooldownMs: z.number().int().min(0).optional(),
    ttlMs: z.number().int().min(1000).optional(),
    /** Raise a supervisor alert with the prompt. */
    alert: z.enum(['warning', 'critical']).optional(),
    title: localizedSchema,
    /** May use {quote}, {suggestion}, {finding}, {amount}, {tier}. */
    text: localizedSchema,
    avoid: localizedListSchema.optional(),
  })
  .strict();

const fusionSchema = z
  .object({
    /** Weight of the voice evidence against the text evidence and the neutral prior. */
    voiceWeight: z.number().min(0),
    textWeight: z.number().min(0),
    priorWeight: z.number().min(0),
    /** Time constant of the voice evidence's smoothing, ms of media. */
    voiceSmoothingMs: z.number().positive(),
    /** The text evidence halves in this many ms after the utterance. */
    textHalfLifeMs: z.number().positive(),
    /** A partial utterance counts this much of a final one. */
    partialWeight: z.number().min(0).max(1),
    /** Unequivocal words replace another emotion in force at once only when the text model is this sure of them. */
    strongTextAbove: z.number().min(0).max(1).default(0.8),
    /**
     * A final utterance the text model is this sure of starts a state at once, whatever the voice: where a calm
     * question misread as anxious becomes a false alarm (the text card's *How sure a final must be*).
     */
    sureFinalAbove: z.number().min(0).max(1).default(0.9),
    /** A strong phrase the text model flags counts only with its emotion this far ahead of the other targets in the model's probabilities. */
    strongPhraseMargin: z.number().min(0).max(1).default(0.15),
    /** A state starts when its fused probability holds at or above onThreshold for onsetMs … */
    onThreshold: z.number().min(0).max(1),
    onsetMs: z.number().min(0),
    /** … or wordsOnlyOnThreshold when no voice evidence is heard (the voice refused the sound or the language). */
    wordsOnlyOnThreshold: z.number().min(0).max(1).default(0.6),
    /** … with voice and recent words each, where heard, at least this sure of that emotion on their own. */
    agreeAbove: z.number().min(0).max(1).default(0.5),
    /** … or, with voice evidence alone, voiceOnlyOnThreshold for voiceOnlyOnsetMs (voice alone cries wolf more). */
    voiceOnlyOnThreshold: z.number().min(0).max(1),
    voiceOnlyOnsetMs: z.number().min(0),
    /** Words older than this (ms of media after their utterance ended) still colour the state but no
     * longer back the voice for the quicker onset: they were about something said before. */
    textSupportMs: z.number().min(0).default(5000),
    /** Voice alone starts no state before the caller's baseline holds this much speech (s). */
    voiceOnlyMinBaselineS: z.number().min(0),
    /** … nor an emotion the model heard in the caller's voice this much on average before (how they sound, not a change). */
    voiceOnlyHabitBelow: z.number().min(0).max(1).default(0.35),
    /** A voice verdict older than this (ms of media) is no evidence. */
    voiceStaleMs: z.number().positive().default(8000),
    /** A voice window counts in proportion to its share of speech, fully from this share. */
    voiceFullSpeechShare: z.number().positive().max(1).default(0.6),
    /** … and ends when it stays below offThreshold for calmMs. */
    offThreshold: z.number().min(0).max(1),
    calmMs: z.number().min(0),
    /** For this long after a state ends (ms of media), another emotion starting counts as a switch from it: while the
     * agent talks the caller's words fade and the state lapses, but the caller has not calmed down. */
    switchMemoryMs: z.number().min(0).default(30_000),
    /** Below this top probability the state is "uncertain". */
    uncertainBelow: z.number().min(0).max(1),
    /** Voice and words each this sure of different target emotions: "uncertain". */
    disagreeAbove: z.number().min(0).max(1),
    /** Intensity change over trendWindowMs that counts as rising or easing. */
    trendDelta: z.number().min(0),
    trendWindowMs: z.number().positive(),
  })
  .strict();

export const playbookSchema = z
  .object({
    version: z.string().min(1),
    name: z.string().min(1),
    fusion: fusionSchema,
    discipline: z
      .object({
        maxPromptsPerMinute: z.number().int().min(1),
        defaultCooldownMs: z.number().int().min(0),
        defaultTtlMs: z.number().int().min(1000),
      })
      .strict(),
    escalation: z
      .object({
        /** Anger held this long (media ms) after the primary tier moves the call to intermediate. */
        intermediateAngerMs: z.number().int().min(0),
        /** Complaint words this many times move the call to intermediate. */
        complaintRepeats: z.number().int().min(1),
        /** An amount at or above this (in the call's currency) with a complaint is advanced. */
        advancedAmount: z.number().min(0),
        /** Anger held this long triggers the de-escalation scripts. */
        persistingAngerMs: z.number().int().min(0),
        /** … or rising anger at or above this intensity. */
        risingIntensity: z.number().min(0).max(1),
      })
      .strict(),
    coaching: z
      .object({
        tooFastSylPerS: z.number().positive(),
        tooLoudDb: z.number(),
        /** Louder than the agent's own usual level by this many dB is too loud as well. */
        tooLoudRelDb: z.number().positive(),
        tooQuietDb: z.number(),
        /** A voice finding must hold this long (ms of the agent's speech). */
        sustainMs: z.number().int().min(0),
        /** Both talking for this long, the agent having started second, is talking over. */
        talkOverMs: z.number().int().min(0),
        /** Agent speech since the last confirmation after which to prompt "confirm understanding". */
        monologueMs: z.number().int().min(0),
      })
      .strict(),
    /** Phrases (English: whole words, case-insensitive; Chinese: either script) that are evidence. */
    keywords: z
      .object({
        complaint: localizedListSchema,
        manager: localizedListSchema,
        regulator: localizedListSchema,
        verificationQuestion: localizedListSchema,
        verificationDone: localizedListSchema,
        accountDetail: localizedListSchema,
        /** The agent acknowledging feelings (manual §3), for the QA empathy criterion. */
        empathy: localizedListSchema,
        /** The agent acting on an escalation: transfer, specialist, manager (manual §4). */
        escalationAction: localizedListSchema,
      })
      .strict(),
    rules: z.record(z.string().regex(/^[a-z]+(\.[a-z-]+)+$/), ruleSchema),
    /** The QA scorecard (manual §6): weights of each criterion and the thresholds behind them. */
    qa: z
      .object({
        weights: z
          .object({
            voice: z.number().min(0),
            politeness: z.number().min(0),
            wording: z.number().min(0),
            flow: z.number().min(0),
            empathy: z.number().min(0),
            verification: z.number().min(0),
            escalation: z.number().min(0),
          })
          .strict(),
        /** The agent's speaking rate should stay within this range (syllables/s). */
        rateMinSylPerS: z.number().positive(),
        rateMaxSylPerS: z.number().positive(),
        /** Silence on the line this long counts as dead air. */
        silenceMs: z.number().int().positive(),
        /** Empathy counts when the agent shows it within this long of the caller's emotion starting. */
        empathyWithinMs: z.number().int().positive(),
        /** Politeness markers a call should have for full marks. */
        politenessExpected: z.number().int().min(1),
        /** Each wording violation costs this share of the wording score. */
        wordingPenalty: z.number().min(0).max(1),
        /** A critical breach (asking for a PIN) caps the overall score at this. */
        criticalCap: z.number().min(0).max(100),
      })
      .strict(),
  })
  .strict();

export type Playbook = z.infer<typeof playbookSchema>;
export type PlaybookRule = z.infer<typeof ruleSchema>;
export type Localized = z.infer<typeof localizedSchema>;
export type LocalizedList = z.infer<typeof localizedListSchema>;
export type FusionParams = Playbook['fusion'];
