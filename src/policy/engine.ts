// The playbook applied to one call: from the call's signals (fused emotion, transcripts, the
// agent's language and voice) to prompts for the agent, checklist ticks and supervisor alerts.
// Every prompt names its rule, the manual section behind it and the evidence that raised it.
// The playbook is read afresh at each decision, so an edited playbook applies to live calls.

import type { EventPayload } from '../frames/events.js';
import type { EmotionLabel } from '../frames/types.js';
import type { PromptKind, PromptState } from '../protocol/feed.js';
import type { LanguageFinding } from '../text/language/types.js';
import { resolveCallLanguage, type CallLanguage } from '../text/language/script.js';
import { amountsIn } from './amounts.js';
import { Checklist } from './checklist.js';
import { PromptDiscipline } from './discipline.js';
import { Escalation } from './escalation.js';
import { describeProsody } from './evidence.js';
import { evidenceWords, type EvidenceWords } from './evidence-words.js';
import { keywordMatcher } from './keywords.js';
import { pickQuote } from './quote.js';
import { fill, pick, pickList, type Vars } from './render.js';
import type { Playbook } from './schema.js';
import type { PolicySignal } from './signals.js';
import { VoiceCoach } from './voice-coach.js';

export interface PolicyContext {
  callId: string;
  agentId: string;
  language: string;
  playbook: () => Playbook;
  /** Counts prompts the discipline held back, by reason. */
  onSuppressed?: (ruleId: string, reason: string) => void;
}

const LANGUAGE_RULES: Partial<Record<LanguageFinding['kind'], string>> = {
  'negative-wording': 'language.negative-wording',
  'vague-time': 'language.vague-time',
  jargon: 'language.jargon',
  'canned-phrase': 'language.canned-phrase',
  'feeling-denial': 'language.feeling-denial',
  'secret-request': 'compliance.secret-request',
};

export class PolicyEngine {
  private readonly lang: CallLanguage;
  /** Evidence in the call's language (src/policy/evidence-words.ts). */
  private readonly words: EvidenceWords;
  private readonly discipline = new PromptDiscipline();
  private readonly checklist = new Checklist();
  private readonly escalation: Escalation;
  private readonly coach: VoiceCoach;
  private promptSeq = 0;
  private lastCallerFinal = '';
  /** The complaint's escalation prompt in force: the next tier replaces it (one card, its tier going up). */
  private escalationPromptId: string | null = null;
  private verification: 'unverified' | 'asked' | 'verified' = 'unverified';
  private persistingFiredForOnsetMs = -1;

  constructor(private readonly ctx: PolicyContext) {
    this.lang = resolveCallLanguage(ctx.language);
    this.words = evidenceWords(this.lang);
    this.escalation = new Escalation(this.words);
    this.coach = new VoiceCoach(this.words);
  }

  /** The checklist as it stands (for the first state a screen draws). */
  checklistItems() {
    return this.checklist.items();
  }

  apply(signal: PolicySignal): EventPayload[] {
    const out: EventPayload[] = [];
    const pb = this.ctx.playbook();
    switch (signal.kind) {
      case 'emotion':
        this.onEmotion(signal, pb, out);
        break;
      case 'transcript':
        this.onTranscript(signal, pb, out);
        break;
      case 'language':
        this.onLanguage(signal, pb, out);
        break;
      case 'agent-voice':
        for (const f of this.coach.onAgentVoice(signal.summary, signal.tsMs, pb.coaching)) {
          this.prompt(out, pb, f.rule, signal, { value: f.value }, [f.evidence]);
        }
        break;
      case 'silence':
        break;
      case 'talk-over':
        if (signal.overlapMs >= pb.coaching.talkOverMs) {
          this.prompt(out, pb, 'coaching.talk-over', signal, {}, [this.words.say('talkOver', { s: (signal.overlapMs / 1000).toFixed(1) })]);
        }
        break;
    }
    return out;
  }

  private onEmotion(s: Extract<PolicySignal, { kind: 'emotion' }>, pb: Playbook, out: EventPayload[]) {
    const { state } = s;
    // The utterance the fusion judged may be newer than the transcript signal (same instant).
    if (s.utterance) this.lastCallerFinal = s.utterance;
    // Built only for a prompt: emotion signals come four times a second.
    const evidence = () => this.emotionEvidence(s);
    // Emotion prompts carry the state they rest on: the screen shows them only beside it.
    const basis = { label: state.active, intensity: state.intensity, sinceMs: state.sinceMs };
    if (state.onset) {
      this.prompt(out, pb, `empathy.onset.${state.onset}`, s, { quote: this.quoteOf(this.lastCallerFinal, s.cues, pb) }, evidence(), undefined, undefined, basis);
    }
    const anger = state.active === 'anger';
    this.escalation.onEmotion(state.active, s.tsMs);
    if (anger) {
      const heldMs = s.tsMs - state.sinceMs;
      const persisting = heldMs >= pb.escalation.persistingAngerMs;
      // A new state always looks "rising": only anger that has held a while and still grows counts.
      const rising = state.trend === 'rising' && state.intensity >= pb.escalation.risingIntensity && heldMs >= 2 * pb.fusion.trendWindowMs;
      if ((persisting || rising) && this.persistingFiredForOnsetMs !== state.sinceMs) {
        const shown = this.prompt(out, pb, 'deescalation.anger.persisting', s, {}, [
          persisting ? this.words.say('angerFor', { s: Math.round(heldMs / 1000) }) : this.words.say('angerRising', { x: state.intensity.toFixed(2) }),
          ...evidence(),
        ], undefined, undefined, basis);
        if (shown) this.persistingFiredForOnsetMs = state.sinceMs;
      }
    }
    this.escalate(out, pb, s);
  }

  private onTranscript(s: Extract<PolicySignal, { kind: 'transcript' }>, pb: Playbook, out: EventPayload[]) {
    const t = s.transcript;
    if (!t.isFinal || t.corrected) return;
    const kw = keywordMatcher(pb, this.lang);
    if (t.track === 'caller') {
      this.lastCallerFinal = t.text;
      if (this.verification === 'asked') this.verification = 'verified';
      this.escalation.onCallerWords(
        {
          complaint: kw.find('complaint', t.text),
          manager: kw.find('manager', t.text),
          regulator: kw.find('regulator', t.text),
          amounts: amountsIn(t.text),
        },
        t.text,
      );
      this.escalate(out, pb, s);
      return;
    }
    // Agent: identity verification before account details (manual §5).
    if (kw.find('verificationDone', t.text).length > 0) this.verification = 'verified';
    else if (this.verification === 'unverified' && kw.find('verificationQuestion', t.text).length > 0) this.verification = 'asked';
    const details = kw.find('accountDetail', t.text);
    if (details.length > 0 && this.verification !== 'verified') {
      this.prompt(out, pb, 'compliance.account-before-verification', s, {}, [this.words.say('detailsBeforeVerification', { words: details[0]! })]);
    }
    const speech = this.coach.onAgentUtterance(t.endMs - t.startMs);
    if (speech >= pb.coaching.monologueMs) {
      const shown = this.prompt(out, pb, 'coaching.confirm-understanding', s, {}, [this.words.say('monologue', { s: Math.round(speech / 1000) })]);
      if (shown) this.coach.resetMonologue();
    }
  }

  private onLanguage(s: Extract<PolicySignal, { kind: 'language' }>, pb: Playbook, out: EventPayload[]) {
    const findings = s.findings;
    if (findings.some((f) => f.kind === 'flow-confirm')) this.coach.resetMonologue();
    if (this.checklist.onAgentUtterance(s.transcript.text, findings, s.tsMs)) {
      out.push({ type: 'checklist', callId: this.ctx.callId, items: this.checklist.items(), arrivalMs: s.arrivalMs });
    }
    for (const f of findings) {
      const rule = f.polarity === 'violation' ? LANGUAGE_RULES[f.kind] : undefined;
      if (!rule) continue;
      const why = this.lang.script === 'en' ? f.rule : `${f.section} ${this.words.word(f.kind)}`;
      this.prompt(out, pb, rule, s, { finding: f.text, suggestion: f.suggestion ?? '' }, [this.words.say('agentSaid', { words: f.text, rule: why })]);
    }
  }

  private escalate(out: EventPayload[], pb: Playbook, s: PolicySignal) {
    const next = this.escalation.next(s.tsMs, pb.escalation);
    if (!next) return;
    const id = this.prompt(out, pb, `escalation.${next.tier}`, s, { tier: next.tier }, next.evidence, next.tier, this.escalationPromptId ?? undefined);
    if (id) this.escalationPromptId = id;
  }

  /** The words of the caller's utterance that carry the emotion: the model's cues, the complaint's words. */
  private quoteOf(utterance: string, cues: readonly string[], pb: Playbook): string {
    const kw = keywordMatcher(pb, this.lang);
    return pickQuote(utterance, [...cues, ...kw.find('complaint', utterance), ...kw.find('manager', utterance), ...kw.find('regulator', utterance)]);
  }

  private emotionEvidence(s: Extract<PolicySignal, { kind: 'emotion' }>): string[] {
    const w = this.words;
    const ev: string[] = [];
    if (this.lastCallerFinal && s.state.sources.includes('text')) ev.push(w.say('callerSaid', { quote: this.lastCallerFinal }));
    if (s.cues.length > 0) ev.push(w.say('cues', { list: w.list(s.cues) }));
    if (s.prosody && s.state.sources.includes('prosody')) ev.push(...describeProsody(s.prosody, w));
    const sources = s.state.sources.map((x) => w.word(x)).join(' + ') || w.say('noEvidence');
    ev.push(w.say('state', { label: w.word(s.state.active), pct: Math.round(s.state.intensity * 100), sources }));
    return ev;
  }

  /** Emits a prompt if the discipline allows; returns its id when it was shown. */
  private prompt(
    out: EventPayload[],
    pb: Playbook,
    ruleId: string,
    s: PolicySignal,
    vars: Vars,
    evidence: string[],
    tier?: 'primary' | 'intermediate' | 'advanced',
    supersedes?: string,
    state?: PromptState,
  ): string | null {
    const rule = pb.rules[ruleId];
    if (!rule) return null;
    const verdict = this.discipline.decide(ruleId, rule, pb, s.tsMs);
    if (verdict !== 'show') {
      this.ctx.onSuppressed?.(ruleId, verdict);
      return null;
    }
    const promptId = `${this.ctx.callId}:p${++this.promptSeq}`;
    const ttlMs = rule.ttlMs ?? pb.discipline.defaultTtlMs;
    const title = pick(rule.title, this.lang);
    const avoid = pickList(rule.avoid, this.lang);
    out.push({
      type: 'prompt',
      callId: this.ctx.callId,
      promptId,
      rule: ruleId,
      kind: rule.kind as PromptKind,
      priority: rule.priority,
      title,
      text: fill(pick(rule.text, this.lang), vars),
      ...(vars.quote && ruleId.startsWith('empathy.') ? { quote: vars.quote } : {}),
      ...(avoid.length > 0 ? { avoid } : {}),
      evidence,
      section: rule.section,
      ...(tier ? { tier } : {}),
      ...(supersedes ? { supersedes } : {}),
      expiresAt: new Date(Date.now() + ttlMs).toISOString(),
      tsMs: Math.round(s.tsMs),
      ...(state ? { state } : {}),
      arrivalMs: s.arrivalMs,
    });
    if (rule.alert) {
      out.push({
        type: 'alert',
        callId: this.ctx.callId,
        agentId: this.ctx.agentId,
        level: rule.alert,
        rule: ruleId,
        title,
        ...(tier ? { tier } : {}),
        evidence,
        tsMs: Math.round(s.tsMs),
        arrivalMs: s.arrivalMs,
      });
    }
    return promptId;
  }
}

export type { EmotionLabel };
