// Folds a call's stored event rows (in write order) into the record's timeline. Pure, and the
// same for every store, so SQLite and PostgreSQL return identical records.

import type { EventRow } from './store.js';
import type { CallRecord, EmotionPoint, LanguageEntry, PromptEntry, TimelineEntry, TranscriptEntry } from './record.js';

export type Timeline = Pick<CallRecord, 'emotion' | 'transcript' | 'agentLanguage' | 'prompts' | 'checklist' | 'alerts' | 'extras'>;

export function foldTimeline(rows: Iterable<EventRow>): Timeline {
  const out: Timeline = { emotion: [], transcript: [], agentLanguage: [], prompts: [], checklist: null, alerts: [], extras: [] };
  const prompts = new Map<string, PromptEntry>();
  for (const row of rows) {
    const at = new Date(row.atMs).toISOString();
    const b = row.body;
    switch (row.type) {
      case 'emotion':
        out.emotion.push({ at, ...b } as unknown as EmotionPoint);
        break;
      case 'transcript': {
        const t = { seq: row.seq, at, ...b } as unknown as TranscriptEntry;
        // A corrected final replaces the final of the same track that starts at the same time.
        const i = t.corrected ? out.transcript.findIndex((x) => x.track === t.track && x.startMs === t.startMs) : -1;
        if (i >= 0) out.transcript[i] = t;
        else out.transcript.push(t);
        break;
      }
      case 'language':
        out.agentLanguage.push({ seq: row.seq, at, ...b } as unknown as LanguageEntry);
        break;
      case 'prompt': {
        const p = { seq: row.seq, at, ...b, acks: [] } as unknown as PromptEntry;
        prompts.set(p.promptId, p);
        out.prompts.push(p);
        break;
      }
      case 'acked': {
        const p = prompts.get(String(b.promptId));
        if (p) p.acks.push({ action: String(b.action), agentId: String(b.agentId), at });
        break;
      }
      case 'checklist':
        out.checklist = { seq: row.seq, at, type: row.type, ...b };
        break;
      case 'alert':
        out.alerts.push({ seq: row.seq, at, type: row.type, ...b } as TimelineEntry);
        break;
      default:
        out.extras.push({ seq: row.seq, at, type: row.type, ...b } as TimelineEntry);
    }
  }
  return out;
}
