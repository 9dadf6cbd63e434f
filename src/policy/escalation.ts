// Complaint tiers (manual §4 分級響應): primary — the agent soothes and offers a first solution;
// intermediate — a senior agent or complaint specialist takes over; advanced — large amounts,
// regulators or wide impact go to management. Tiers only go up, each is suggested once, and each
// comes with the evidence that justified it.

import type { EmotionLabel } from '../frames/types.js';
import type { EvidenceWords } from './evidence-words.js';
import type { Playbook } from './schema.js';

export type Tier = 'primary' | 'intermediate' | 'advanced';
const RANK: Record<Tier, number> = { primary: 1, intermediate: 2, advanced: 3 };

export interface CallerWords {
  complaint: string[];
  manager: string[];
  regulator: string[];
  amounts: number[];
}

export class Escalation {
  private reached: Tier | null = null;
  private primaryAtMs: number | null = null;
  private complaints: string[] = [];
  private managers: string[] = [];
  private regulators: string[] = [];
  private maxAmount = 0;
  private angerSinceMs: number | null = null;
  private negative = false;

  constructor(private readonly words: EvidenceWords) {}

  onEmotion(active: EmotionLabel, tsMs: number): void {
    if (active === 'anger') this.angerSinceMs ??= tsMs;
    else this.angerSinceMs = null;
    this.negative = active === 'anger' || active === 'disappointment';
  }

  onCallerWords(w: CallerWords, _text: string): void {
    this.complaints.push(...w.complaint);
    this.managers.push(...w.manager);
    this.regulators.push(...w.regulator);
    for (const a of w.amounts) this.maxAmount = Math.max(this.maxAmount, a);
  }

  /** The tier to suggest now, if the call has moved up. */
  next(tsMs: number, p: Playbook['escalation']): { tier: Tier; evidence: string[] } | null {
    const angerMs = this.angerSinceMs === null ? 0 : tsMs - this.angerSinceMs;
    const complained = this.complaints.length > 0;
    const ev: string[] = [];
    let tier: Tier | null = null;
    if (complained || (this.negative && this.managers.length > 0)) tier = 'primary';
    if (
      this.complaints.length >= p.complaintRepeats ||
      this.managers.length > 0 ||
      (this.primaryAtMs !== null && angerMs >= p.intermediateAngerMs && tsMs - this.primaryAtMs >= p.intermediateAngerMs / 2)
    ) {
      tier = 'intermediate';
    }
    if (this.regulators.length > 0 || (this.maxAmount >= p.advancedAmount && (complained || this.negative))) tier = 'advanced';
    if (!tier || (this.reached && RANK[tier] <= RANK[this.reached])) return null;
    const w = this.words;
    if (this.complaints.length > 0) ev.push(w.say('complaintWords', { list: w.list(unique(this.complaints)), n: this.complaints.length }));
    if (this.managers.length > 0) ev.push(w.say('askedFor', { list: w.list(unique(this.managers)) }));
    if (this.regulators.length > 0) ev.push(w.say('mentioned', { list: w.list(unique(this.regulators)) }));
    if (this.maxAmount > 0) ev.push(w.say('amount', { amount: this.maxAmount.toLocaleString('en-US') }));
    if (angerMs > 0) ev.push(w.say('angerFor', { s: Math.round(angerMs / 1000) }));
    this.reached = tier;
    if (tier === 'primary') this.primaryAtMs = tsMs;
    return { tier, evidence: ev };
  }
}

const unique = (xs: string[]) => [...new Set(xs.map((x) => x.toLowerCase()))];
