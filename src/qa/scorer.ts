// Scores one call from what its pipeline measured and decided: the agent's voice and turn-taking,
// the agent's words (politeness, forbidden and vague wording, the response flow), empathy after the
// caller's emotion started, identity verification before account details, and the escalation
// handled at the tier suggested. Stateful per call; `scorecard()` at the end.

import type { EventPayload } from '../frames/events.js';
import { keywordMatcher } from '../policy/keywords.js';
import type { Playbook } from '../policy/schema.js';
import type { PolicySignal } from '../policy/signals.js';
import { resolveCallLanguage, type CallLanguage } from '../text/language/script.js';
import { finishScorecard, NOT_SCORED, type Criterion, type Evidence, type Scorecard } from './scorecard.js';

const VIOLATIONS = new Set(['negative-wording', 'vague-time', 'jargon', 'canned-phrase', 'feeling-denial']);
const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export class QaScorer {
  private readonly lang: CallLanguage;
  private rate = { sum: 0, n: 0 };
  private loud = { sum: 0, n: 0 };
  private readonly voiceIssues: Evidence[] = [];
  private readonly politeness: Evidence[] = [];
  private readonly wording: Evidence[] = [];
  private checklist: { id: string; done: boolean; atMs?: number }[] = [];
  private readonly onsets: { atMs: number; label: string; answeredAtMs: number | null; answer?: string }[] = [];
  private readonly verification: Evidence[] = [];
  private accountDetailsOk: Evidence | null = null;
  private readonly escalations: { tier: string; atMs: number; actedAtMs: number | null; action?: string }[] = [];
  private readonly critical: Evidence[] = [];
  /** The agent's final utterances: without any, nothing the agent said can be judged. */
  private agentFinals = 0;

  constructor(
    language: string,
    private readonly playbook: () => Playbook,
  ) {
    this.lang = resolveCallLanguage(language);
  }

  onSignal(s: PolicySignal): void {
    const pb = this.playbook();
    switch (s.kind) {
      case 'agent-voice':
        if (s.summary.voiceActivity >= 0.5) {
          this.rate.sum += s.summary.speakingRateSylPerS;
          this.rate.n++;
          this.loud.sum += s.summary.loudnessDb;
          this.loud.n++;
        }
        break;
      case 'talk-over':
        this.voiceIssues.push({ atMs: s.tsMs, text: `talked over the caller for ${sec(s.overlapMs)}` });
        break;
      case 'silence':
        this.voiceIssues.push({ atMs: s.tsMs, text: `silence on the line for ${sec(s.silenceMs)}` });
        break;
      case 'emotion':
        if (s.state.onset && s.state.onset !== 'neutral') this.onsets.push({ atMs: s.tsMs, label: s.state.onset, answeredAtMs: null });
        break;
      case 'language':
        for (const f of s.findings) {
          const at = { atMs: s.transcript.startMs, text: `"${f.text}" (${f.rule})` };
          if (f.kind === 'politeness') this.politeness.push(at);
          else if (VIOLATIONS.has(f.kind) && f.polarity === 'violation') this.wording.push(at);
          else if (f.kind === 'secret-request') this.critical.push({ atMs: s.transcript.startMs, text: `asked for a password or PIN: "${f.text}"` });
        }
        break;
      case 'transcript': {
        const t = s.transcript;
        if (t.track !== 'agent' || !t.isFinal) break;
        if (!t.corrected) this.agentFinals++;
        const kw = keywordMatcher(pb, this.lang);
        const empathy = kw.find('empathy', t.text);
        if (empathy.length > 0) {
          for (const o of this.onsets) {
            if (o.answeredAtMs === null && t.startMs >= o.atMs - 1000 && t.startMs - o.atMs <= pb.qa.empathyWithinMs) {
              o.answeredAtMs = t.startMs;
              o.answer = empathy[0];
            }
          }
        }
        const acted = kw.find('escalationAction', t.text);
        if (acted.length > 0) {
          for (const e of this.escalations) {
            if (e.actedAtMs === null && t.startMs >= e.atMs - 2000) {
              e.actedAtMs = t.startMs;
              e.action = acted[0];
            }
          }
        }
        if (!this.accountDetailsOk && kw.find('accountDetail', t.text).length > 0) this.accountDetailsOk = { atMs: t.startMs, text: `account details after verification: "${t.text}"` };
        break;
      }
    }
  }

  /** The policy's own decisions: the checklist, compliance and escalation prompts. */
  onDecision(ev: EventPayload, tsMs: number): void {
    if (ev.type === 'checklist') this.checklist = ev.items;
    if (ev.type !== 'prompt') return;
    if (ev.rule === 'compliance.account-before-verification') this.verification.push({ atMs: tsMs, text: ev.evidence.join('; ') });
    if (ev.rule === 'escalation.intermediate' || ev.rule === 'escalation.advanced') this.escalations.push({ tier: ev.tier ?? ev.rule, atMs: tsMs, actedAtMs: null });
    if (ev.rule.startsWith('coaching.too-')) this.voiceIssues.push({ atMs: tsMs, text: ev.evidence.join('; ') });
  }

  scorecard(): Scorecard {
    const pb = this.playbook();
    const q = pb.qa;
    const w = q.weights;
    const criteria: Omit<Criterion, 'scored'>[] = [];

    const rate = this.rate.n > 0 ? this.rate.sum / this.rate.n : null;
    const loud = this.loud.n > 0 ? this.loud.sum / this.loud.n : null;
    const voiceEv = [...this.voiceIssues];
    let voiceDeductions = this.voiceIssues.length;
    if (rate !== null && (rate < q.rateMinSylPerS || rate > q.rateMaxSylPerS)) {
      voiceDeductions++;
      voiceEv.push({ atMs: 0, text: `average speaking rate ${rate.toFixed(1)} syllables/s, outside ${q.rateMinSylPerS}–${q.rateMaxSylPerS}` });
    }
    criteria.push({
      id: 'voice',
      section: '§2',
      score: rate === null ? null : Math.max(0, 1 - 0.25 * voiceDeductions),
      weight: w.voice,
      summary:
        rate === null
          ? `${NOT_SCORED}: no agent speech measured`
          : `rate ${rate.toFixed(1)} syllables/s, loudness ${loud!.toFixed(0)} dBFS, ${this.voiceIssues.length} turn-taking or voice issue(s)`,
      evidence: voiceEv.sort((a, b) => a.atMs - b.atMs),
    });
    // What the agent said is judged only when the agent was heard saying something.
    const heard = this.agentFinals > 0;
    const unheard = `${NOT_SCORED}: no agent words were heard`;
    criteria.push({
      id: 'politeness',
      section: '§1',
      score: heard ? Math.min(1, this.politeness.length / q.politenessExpected) : null,
      weight: w.politeness,
      summary: heard ? `${this.politeness.length} politeness marker(s), ${q.politenessExpected} expected` : unheard,
      evidence: this.politeness,
    });
    criteria.push({
      id: 'wording',
      section: '§2',
      score: heard ? Math.max(0, 1 - q.wordingPenalty * this.wording.length) : null,
      weight: w.wording,
      summary: heard ? `${this.wording.length} negative, vague, jargon, canned or feeling-denying phrase(s)` : unheard,
      evidence: this.wording,
    });
    const done = this.checklist.filter((i) => i.done);
    criteria.push({
      id: 'flow',
      section: '§2',
      score: heard ? done.length / 4 : null,
      weight: w.flow,
      summary: heard ? `${done.length} of 4 steps: ${['greeting', 'confirm', 'inform', 'closing'].map((id) => `${id} ${done.some((d) => d.id === id) ? '✓' : '✗'}`).join(', ')}` : unheard,
      evidence: done.map((d) => ({ atMs: d.atMs ?? 0, text: `${d.id} done` })),
    });
    const answered = this.onsets.filter((o) => o.answeredAtMs !== null);
    criteria.push({
      id: 'empathy',
      section: '§3',
      score: this.onsets.length === 0 || !heard ? null : answered.length / this.onsets.length,
      weight: w.empathy,
      summary:
        this.onsets.length === 0
          ? `${NOT_SCORED}: the caller showed no anger, anxiety or disappointment`
          : !heard
            ? `${unheard} after ${this.onsets.length} emotion onset(s)`
            : `${answered.length} of ${this.onsets.length} emotion onset(s) answered with empathy within ${sec(q.empathyWithinMs)}`,
      evidence: this.onsets.map((o) => ({
        atMs: o.atMs,
        text: o.answeredAtMs === null ? `caller ${o.label}: no empathy within ${sec(q.empathyWithinMs)}` : `caller ${o.label}: agent said "${o.answer}" after ${sec(Math.max(0, o.answeredAtMs - o.atMs))}`,
      })),
    });
    criteria.push({
      id: 'verification',
      section: '§5',
      score: this.verification.length > 0 ? 0 : this.accountDetailsOk ? 1 : null,
      weight: w.verification,
      summary:
        this.verification.length > 0
          ? 'account details given before the identity was verified'
          : this.accountDetailsOk
            ? 'identity verified before account details'
            : `${NOT_SCORED}: no account details given`,
      evidence: this.verification.length > 0 ? this.verification : this.accountDetailsOk ? [this.accountDetailsOk] : [],
    });
    const acted = this.escalations.filter((e) => e.actedAtMs !== null);
    criteria.push({
      id: 'escalation',
      section: '§4',
      score: this.escalations.length === 0 || !heard ? null : acted.length / this.escalations.length,
      weight: w.escalation,
      summary:
        this.escalations.length === 0
          ? `${NOT_SCORED}: no escalation beyond the primary tier was needed`
          : !heard
            ? `${unheard} after ${this.escalations.length} escalation(s)`
            : `${acted.length} of ${this.escalations.length} escalation(s) acted on`,
      evidence: this.escalations.map((e) => ({
        atMs: e.atMs,
        text: e.actedAtMs === null ? `${e.tier} tier suggested; the agent did not hand over` : `${e.tier} tier suggested; agent: "${e.action}"`,
      })),
    });
    return finishScorecard(pb.version, criteria, this.critical, q.criticalCap);
  }
}
