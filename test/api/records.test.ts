// Call records end to end, on SQLite and on PostgreSQL: calls streamed over /v1/stream by a
// bridge — a complaint with a card number read out and an agent who breaks the manual's language
// rules, and a calm enquiry — then read, filtered, exported, scored, counted and deleted over the
// records API.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallRecord, CallSummary } from '../../src/storage/index.js';
import { describePg } from '../storage/pg.js';
import { api, playCall, startRecordsServer, type RecordsServer, type Turn } from './records-server.js';

const COMPLAINT: Turn[] = [
  ['agent', 'Good morning, thank you for calling First Bank, my name is Anna.'],
  ['caller', "This is the third time I'm calling about this charge and nobody has fixed it!"],
  ['caller', 'My card number is 4532 0151 1283 0366.'],
  ['agent', "Calm down, there's nothing I can do about it."],
  ['caller', 'I want to file a complaint, this is ridiculous.'],
];
const CALM: Turn[] = [
  ['agent', 'Good afternoon, thank you for calling First Bank, this is Tom.'],
  ['caller', 'Hello, could you tell me what time the Main Street branch opens on Saturday?'],
  ['agent', 'Of course. The Main Street branch opens at nine on Saturdays.'],
];

function recordsSuite(name: string, dbUrl: () => string) {
  describe(`records API on ${name}`, () => {
    let server: RecordsServer;
    const run = `${process.pid}${Date.now() % 100000}`;
    const complaintId = `rec-complaint-${run}`;
    const calmId = `rec-calm-${run}`;
    const agentA = `ag-a-${run}`;
    const agentB = `ag-b-${run}`;
    let record: CallRecord;

    beforeAll(async () => {
      server = await startRecordsServer(dbUrl());
      await playCall(server.wsUrl, complaintId, COMPLAINT, {
        agentId: agentA,
        beforeStop: async (feed) => {
          const prompt = await feed.next((m) => m.type === 'prompt' && m.rule === 'empathy.onset.anger', 10_000, 'the empathy prompt');
          feed.send({ type: 'ack', promptId: prompt.promptId, action: 'used' });
          feed.send({ type: 'ack', promptId: prompt.promptId, action: 'helpful' });
          await feed.next(() => feed.ofType('acked').length >= 2, 5000, 'both acknowledgements');
        },
      });
      await playCall(server.wsUrl, calmId, CALM, { agentId: agentB });
      const res = await api(server.url, `/v1/calls/${complaintId}`);
      expect(res.status).toBe(200);
      record = res.json as unknown as CallRecord;
    });
    afterAll(async () => server?.stop());

    it('keeps the whole call: facts, emotion timeline, finals, the agent’s language, prompts with acks, checklist', () => {
      expect(record).toMatchObject({ callId: complaintId, agentId: agentA, language: 'en-US', source: 'native', status: 'complete', endReason: 'stop' });
      expect(record.tracks).toEqual(['caller', 'agent']);
      // The media's duration (2.5 s a turn), however fast the bridge streamed it.
      expect(record.durationMs).toBe(COMPLAINT.length * 2500);
      expect(Date.parse(record.endedAt!)).toBeGreaterThanOrEqual(Date.parse(record.startedAt));
      expect(record.transcript.map((t) => t.track)).toEqual(COMPLAINT.map(([who]) => who));
      // The emotion timeline: about one point per second of the caller's audio, with prosody.
      expect(record.emotion.length).toBeGreaterThan(3);
      const perSecond = new Map<number, number>();
      for (const p of record.emotion) perSecond.set(Math.floor(p.tsMs / 1000), (perSecond.get(Math.floor(p.tsMs / 1000)) ?? 0) + 1);
      expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(2);
      expect(typeof record.emotion[0]!.prosody.pitchHz).toBe('number');
      const kinds = record.agentLanguage.flatMap((l) => l.findings.map((f) => f.kind));
      expect(kinds).toEqual(expect.arrayContaining(['feeling-denial', 'negative-wording']));
      expect(record.violationCount).toBeGreaterThanOrEqual(2);
      const empathy = record.prompts.find((p) => p.rule === 'empathy.onset.anger')!;
      expect(empathy).toMatchObject({ kind: 'empathy', section: '§3' });
      expect(empathy.acks.map((a) => a.action)).toEqual(['used', 'helpful']);
      expect(record.promptCount).toBe(record.prompts.length);
      expect(record.checklist!.items).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'greeting', done: true })]));
    });

    it('never stores the card number: only the redacted form and its kind', () => {
      const card = record.transcript[2]!;
      expect(card.text).toContain('[CARD ****0366]');
      expect(card.redacted).toEqual(['card']);
      expect(JSON.stringify(record)).not.toMatch(/4532|0151|1283/);
    });

    it('lists calls newest first with filters, pages with a cursor, and exports CSV and JSON', async () => {
      const all = await api(server.url, `/v1/calls?from=${encodeURIComponent(record.startedAt)}`);
      expect(all.status).toBe(200);
      const ids = (all.json.calls as CallSummary[]).map((c) => c.callId);
      expect(ids.indexOf(calmId)).toBeLessThan(ids.indexOf(complaintId));
      const summary = (all.json.calls as CallSummary[]).find((c) => c.callId === complaintId)!;
      expect(summary).toMatchObject({ agentId: agentA, status: 'complete', promptCount: record.promptCount, violationCount: record.violationCount });

      const mine = await api(server.url, `/v1/calls?agentId=${agentA}`);
      expect((mine.json.calls as CallSummary[]).map((c) => c.callId)).toEqual([complaintId]);
      const future = await api(server.url, `/v1/calls?agentId=${agentA}&from=${Date.now() + 60_000}`);
      expect(future.json.calls).toEqual([]);

      // The complaint's anger (the empathy prompt fired on it) is what the emotion filter finds.
      expect(record.emotions).toContain('anger');
      const angry = await api(server.url, `/v1/calls?emotion=anger&from=${Date.parse(record.startedAt)}`);
      const angryIds = (angry.json.calls as CallSummary[]).map((c) => c.callId);
      expect(angryIds).toContain(complaintId);
      expect(angryIds).not.toContain(calmId);

      const p1 = await api(server.url, `/v1/calls?limit=1&from=${Date.parse(record.startedAt)}`);
      expect((p1.json.calls as CallSummary[]).map((c) => c.callId)).toEqual([calmId]);
      const p2 = await api(server.url, `/v1/calls?limit=1&from=${Date.parse(record.startedAt)}&cursor=${p1.json.nextCursor as string}`);
      expect((p2.json.calls as CallSummary[]).map((c) => c.callId)).toEqual([complaintId]);

      const csv = await api(server.url, `/v1/calls.csv?agentId=${agentA}`);
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
      const lines = csv.text.trim().split('\r\n');
      expect(lines[0]).toBe('callId,agentId,language,source,status,startedAt,endedAt,durationMs,endReason,emotions,peakIntensity,promptCount,alertCount,violationCount,score');
      expect(lines).toHaveLength(2);
      expect(lines[1]).toMatch(new RegExp(`^${complaintId},${agentA},en-US,native,complete,`));
      expect((await api(server.url, `/v1/calls?format=csv&agentId=${agentA}`)).text).toBe(csv.text);
      const json = await api(server.url, `/v1/calls.json?agentId=${agentB}`);
      expect((json.json as unknown as CallSummary[]).map((c) => c.callId)).toEqual([calmId]);

      for (const bad of ['from=yesterday', 'emotion=furious', 'limit=0', 'cursor=nonsense', 'minScore=high']) {
        const res = await api(server.url, `/v1/calls?${bad}`);
        expect(res.status, bad).toBe(400);
        expect(res.json.code).toBe('INVALID_MESSAGE');
        expect(res.json.message).toContain(bad.split('=')[0]);
      }
    });

    it('holds the QA scorecard the pipeline wrote as the call ended, each score with its evidence', () => {
      const card = record.scorecard as unknown as { score: number; criteria: { id: string; score: number | null; evidence: { atMs: number; text: string }[] }[] };
      expect(card.criteria.map((c) => c.id)).toEqual(['voice', 'politeness', 'wording', 'flow', 'empathy', 'verification', 'escalation']);
      const wording = card.criteria.find((c) => c.id === 'wording')!;
      // "Calm down" and "there's nothing I can do" break §2/§3.
      expect(wording.score).toBeLessThan(1);
      expect(wording.evidence.map((e) => e.text).join(' ')).toMatch(/Calm down/);
      expect(wording.evidence.map((e) => e.text).join(' ')).not.toMatch(/4532/);
      const empathy = card.criteria.find((c) => c.id === 'empathy')!;
      // The caller's anger was answered with "calm down", never with empathy.
      expect(empathy.score).toBe(0);
      expect(card.score).toBeGreaterThanOrEqual(0);
      expect(card.score).toBeLessThan(80);
      expect(record.score).toBe(card.score);
    });

    it('filters by the QA score once a scorecard is written', async () => {
      expect(await server.store.setScorecard(complaintId, { score: 42, dimensions: { politeness: { score: 30, evidence: [] } } })).toBe(true);
      expect(await server.store.setScorecard(calmId, { score: 91 })).toBe(true);
      const from = Date.parse(record.startedAt);
      const low = await api(server.url, `/v1/calls?maxScore=60&from=${from}`);
      expect((low.json.calls as CallSummary[]).map((c) => [c.callId, c.score])).toEqual([[complaintId, 42]]);
      const high = await api(server.url, `/v1/calls?minScore=60&maxScore=100&from=${from}`);
      expect((high.json.calls as CallSummary[]).map((c) => c.callId)).toEqual([calmId]);
      const full = await api(server.url, `/v1/calls/${complaintId}`);
      expect(full.json.scorecard).toEqual({ score: 42, dimensions: { politeness: { score: 30, evidence: [] } } });
    });

    it('counts the agent’s prompts shown, used and rated helpful, by rule', async () => {
      const res = await api(server.url, `/v1/agents/${agentA}/stats`);
      expect(res.status).toBe(200);
      const stats = res.json as unknown as { calls: number; totals: Record<string, number>; byRule: Record<string, unknown>[] };
      expect(stats.calls).toBe(1);
      expect(stats.totals.shown).toBe(record.prompts.length);
      expect(stats.byRule.find((r) => r.rule === 'empathy.onset.anger')).toMatchObject({ kind: 'empathy', shown: 1, used: 1, dismissed: 0, helpful: 1, notHelpful: 0, usedRate: 1, helpfulRate: 1 });
      expect(stats.totals).toMatchObject({ used: 1, helpful: 1, notHelpful: 0, dismissed: 0 });
      const calm = await api(server.url, `/v1/agents/${agentB}/stats`);
      expect(calm.json).toMatchObject({ calls: 1, totals: { shown: 0, usedRate: null, helpfulRate: null }, byRule: [] });
      const later = await api(server.url, `/v1/agents/${agentA}/stats?from=${Date.now() + 60_000}`);
      expect(later.json).toMatchObject({ calls: 0, totals: { shown: 0 } });
    });

    it('deletes a call on request: gone from the record, the list and the statistics', async () => {
      const del = await api(server.url, `/v1/calls/${complaintId}`, { method: 'DELETE' });
      expect(del.status).toBe(204);
      expect((await api(server.url, `/v1/calls/${complaintId}`)).status).toBe(404);
      expect((await api(server.url, `/v1/calls?agentId=${agentA}`)).json.calls).toEqual([]);
      expect((await api(server.url, `/v1/agents/${agentA}/stats`)).json).toMatchObject({ calls: 0, totals: { shown: 0 } });
      expect((await api(server.url, `/v1/calls/${complaintId}`, { method: 'DELETE' })).status).toBe(404);
      expect((await api(server.url, `/v1/calls/${calmId}`)).status).toBe(200);
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'callcue-records-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

recordsSuite('SQLite', () => `sqlite://${join(dir, 'records.db')}`);
describePg('records API (PostgreSQL)', (url) => recordsSuite('PostgreSQL', url));
