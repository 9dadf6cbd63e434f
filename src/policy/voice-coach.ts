// Coaching from the agent's own audio (manual §2 語音語調: moderate rate, clear and warm voice):
// speaking too fast, too loud or too quiet — each only when it holds for a while — and long
// explanations without checking that the caller understood (§1 確認理解).

import type { ProsodySummary } from '../features/types.js';
import type { EvidenceWords } from './evidence-words.js';
import type { Playbook } from './schema.js';

export interface CoachFinding {
  rule: 'coaching.too-fast' | 'coaching.too-loud' | 'coaching.too-quiet';
  value: string;
  evidence: string;
}

/** The agent must be speaking for a window to count. */
const MIN_VOICE_ACTIVITY = 0.5;

export class VoiceCoach {
  private readonly since = new Map<CoachFinding['rule'], number>();
  private monologueMs = 0;

  constructor(private readonly words: EvidenceWords) {}

  onAgentVoice(s: ProsodySummary, tsMs: number, p: Playbook['coaching']): CoachFinding[] {
    const out: CoachFinding[] = [];
    const speaking = s.voiceActivity >= MIN_VOICE_ACTIVITY;
    const check = (rule: CoachFinding['rule'], hit: boolean, value: string, evidence: string) => {
      if (!speaking) return;
      if (!hit) {
        this.since.delete(rule);
        return;
      }
      const from = this.since.get(rule) ?? tsMs;
      this.since.set(rule, from);
      if (tsMs - from >= p.sustainMs) {
        out.push({ rule, value, evidence });
        this.since.delete(rule);
      }
    };
    const w = this.words;
    check('coaching.too-fast', s.speakingRateSylPerS > p.tooFastSylPerS, s.speakingRateSylPerS.toFixed(1), w.say('agentRate', { rate: s.speakingRateSylPerS.toFixed(1) }));
    // Loud against the line's absolute level, or against the agent's own usual voice (lines differ
    // by many dB; raising one's voice does not).
    const loud = s.loudnessDb > p.tooLoudDb || (s.baselineSpeechS >= 5 && s.loudnessRelDb > p.tooLoudRelDb);
    const rel = `${s.loudnessRelDb >= 0 ? '+' : ''}${s.loudnessRelDb.toFixed(0)}`;
    check('coaching.too-loud', loud, s.loudnessDb.toFixed(0), w.say('agentLoudnessRel', { db: s.loudnessDb.toFixed(0), rel }));
    check('coaching.too-quiet', s.loudnessDb < p.tooQuietDb, s.loudnessDb.toFixed(0), w.say('agentLoudness', { db: s.loudnessDb.toFixed(0) }));
    return out;
  }

  /** Adds an agent utterance's duration; returns the explanation time since the last confirmation. */
  onAgentUtterance(durationMs: number): number {
    this.monologueMs += Math.max(0, durationMs);
    return this.monologueMs;
  }

  resetMonologue(): void {
    this.monologueMs = 0;
  }
}
