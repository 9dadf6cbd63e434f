// The one suite every CallStore passes, SQLite and PostgreSQL alike: calls are recorded by the
// real CallRecorder from events published on a real LocalBus, then read back through the store.

import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { LocalBus } from '../../src/delivery/bus.js';
import { createLogger } from '../../src/observability/logger.js';
import { CallRecorder, MIGRATIONS, STALE_AFTER_MS, type CallStore } from '../../src/storage/index.js';
import { CallScript } from './events.js';

const DAY_MS = 86_400_000;
const CARD = '4532 0151 1283 0366';

export interface ContractTarget {
  open(): Promise<CallStore>;
  /** Every byte the backend holds for the calls, for proving raw personal data never landed. */
  dump(store: CallStore): Promise<string>;
  /** Runs one statement on a connection of its own, as an operator (or an outage) would. */
  exec(sql: string): Promise<void>;
}

export function storeContract(name: string, target: () => ContractTarget) {
  describe(`CallStore contract: ${name}`, () => {
    let store: CallStore;
    let bus: LocalBus;
    let recorder: CallRecorder;
    let n = 0;
    const id = (s: string) => `${s}-${++n}-${Date.now()}`;

    beforeAll(async () => {
      store = await target().open();
    });
    afterAll(async () => {
      await recorder?.close();
      await store?.close();
    });
    beforeEach(async () => {
      await recorder?.close();
      bus = new LocalBus();
      recorder = new CallRecorder({ store, bus, logger: createLogger('silent'), retentionDays: 90, flushIntervalMs: 50 });
      await recorder.start();
    });

    it('applies its migrations once and notes them in schema_migrations', async () => {
      expect(await store.schemaVersions()).toEqual(MIGRATIONS.map((m) => m.version));
      const again = await target().open();
      expect(await again.schemaVersions()).toEqual(MIGRATIONS.map((m) => m.version));
      await again.close();
    });

    it('records a whole call: facts, emotion timeline, finals (corrected in place), language, prompts with acks, checklist, alerts', async () => {
      const c = new CallScript(bus, id('whole'), 'agent-1').start('en-US');
      for (let ts = 0; ts < 5000; ts += 250) c.emotion(ts, ts >= 3500 ? 'anger' : 'neutral', ts >= 3500 ? 0.8 : 0);
      c.say('caller', 'I want to know about my', 0, { isFinal: false });
      c.say('caller', 'my card is 4532 0151', 0);
      c.say('caller', 'my card is [CARD ****0366]', 0, { corrected: true, redacted: ['card'] });
      c.say('agent', 'Calm down, that is impossible.', 1000);
      c.language('Calm down, that is impossible.', 1000, [
        { kind: 'feeling-denial', polarity: 'violation', text: 'Calm down' },
        { kind: 'negative-wording', polarity: 'violation', text: 'impossible' },
        { kind: 'politeness', polarity: 'good', text: 'please' },
      ]);
      c.prompt('p1', 'empathy.onset.anger', { quote: `you said ${CARD}` });
      c.ack('p1', 'used');
      c.ack('p1', 'helpful');
      c.emit({ type: 'checklist', items: [{ id: 'greeting', done: true, atMs: 500 }, { id: 'closing', done: false }] });
      c.emit({ type: 'alert', agentId: 'agent-1', level: 'warning', rule: 'escalation.anger', title: 'Caller angry 20 s', evidence: ['anger for 20 s'] });
      c.emit({ type: 'x.hold', note: `caller read ${CARD} aloud`, holdMs: 4000 });
      c.end('stop', 5200);
      await recorder.flush();

      const r = (await store.getCall(c.callId))!;
      expect(r).toMatchObject({ callId: c.callId, agentId: 'agent-1', language: 'en-US', source: 'native', tracks: ['caller', 'agent'] });
      expect(r).toMatchObject({ status: 'complete', endReason: 'stop', durationMs: 5200, shedFrames: 0, scorecard: null, score: null });
      expect(Date.parse(r.endedAt!)).toBeGreaterThanOrEqual(Date.parse(r.startedAt));
      // One point per second of the call, plus the second in which the label changed.
      expect(r.emotion.map((p) => p.tsMs)).toEqual([0, 1000, 2000, 3000, 3500, 4000]);
      expect(r.emotion[4]).toMatchObject({ label: 'anger', intensity: 0.8, speaking: true, prosody: { pitchHz: 182.46, loudnessDb: -21.23 } });
      expect(r.emotions.sort()).toEqual(['anger', 'neutral']);
      expect(r.peakIntensity).toBe(0.8);
      // The partial is gone, the corrected final replaced its original, order kept.
      expect(r.transcript.map((t) => [t.track, t.text])).toEqual([
        ['caller', 'my card is [CARD ****0366]'],
        ['agent', 'Calm down, that is impossible.'],
      ]);
      expect(r.agentLanguage[0]!.findings.map((f) => f.kind)).toEqual(['feeling-denial', 'negative-wording', 'politeness']);
      expect(r.violationCount).toBe(2);
      expect(r.prompts).toHaveLength(1);
      expect(r.prompts[0]).toMatchObject({ promptId: 'p1', rule: 'empathy.onset.anger', kind: 'empathy', section: '§3' });
      expect(r.prompts[0]!.acks.map((a) => a.action)).toEqual(['used', 'helpful']);
      expect(r.promptCount).toBe(1);
      expect(r.checklist).toMatchObject({ items: [{ id: 'greeting', done: true }, { id: 'closing', done: false }] });
      expect(r.alerts).toMatchObject([{ level: 'warning', rule: 'escalation.anger' }]);
      expect(r.alertCount).toBe(1);
      expect(r.extras).toMatchObject([{ type: 'x.hold', holdMs: 4000 }]);
    });

    it('redacts again before writing: raw personal data reaching the recorder never lands in the database', async () => {
      const c = new CallScript(bus, id('pii'), 'agent-1').start();
      // A number read across two utterances: the first final holds a fragment no rule can call a
      // card, is written, and is then corrected upstream. The original must be gone, not hidden.
      c.say('caller', 'the number is 4532 0151', 9000);
      await recorder.flush();
      c.say('caller', 'the number is [CARD ****0366]', 9000, { corrected: true, redacted: ['card'] });
      // As if an upstream stage had failed to redact.
      c.say('caller', `the card is ${CARD} and my password is hunter22`, 0);
      c.language(`read back ${CARD}`, 2000, [{ kind: 'secret-request', polarity: 'violation', text: CARD }]);
      c.prompt('p-pii', 'compliance.secret', { quote: `card ${CARD}`, evidence: [`caller said ${CARD}`] });
      c.emit({ type: 'alert', agentId: 'agent-1', level: 'critical', rule: 'compliance.secret', title: `card ${CARD}`, evidence: [`said ${CARD}`] });
      c.emit({ type: 'x.note', nested: { deep: [`account 6222 0212 3456 7890 123`] } });
      c.end();
      await recorder.flush();
      const r = (await store.getCall(c.callId))!;
      expect(r.transcript.map((t) => t.text)).toEqual(['the number is [CARD ****0366]', 'the card is [CARD ****0366] and my password is [PASSWORD]']);
      expect(r.prompts[0]!.quote).toBe('card [CARD ****0366]');
      // Whole digit groups, not 4-digit fragments: call ids and times hold digits too (a Date.now()
      // ending in …4532 once failed this on a clean store).
      const leaks = /4532 0151|0151 1283|1283 0366|hunter22|6222 0212/;
      expect(JSON.stringify(r)).not.toMatch(leaks);
      const raw = await target().dump(store);
      expect(raw).toContain(c.callId);
      expect(raw).not.toMatch(leaks);
    });

    it('lists calls by agent, team, time range, emotion, score and status, newest first, in pages', async () => {
      const t0 = Date.now() - 10 * 60_000;
      const mk = (agent: string, minutes: number, label: string, ended = true) => {
        const c = new CallScript(bus, id(`list-${agent}`), agent, t0 + minutes * 60_000).start();
        c.emotion(0, label, 0.9);
        if (ended) c.end();
        return c.callId;
      };
      const a = mk('ag-a', 0, 'anger');
      const b = mk('ag-b', 1, 'neutral');
      const c = mk('ag-a', 2, 'anxiety');
      const d = mk('ag-c', 3, 'anger', false);
      await recorder.flush();
      expect(await store.setScorecard(a, { score: 55, dimensions: { politeness: 50 } })).toBe(true);
      expect(await store.setScorecard(b, { score: 90 })).toBe(true);
      expect(await store.setScorecard('no-such-call', { score: 1 })).toBe(false);
      const ours = (ids: string[]) => ids.filter((x) => [a, b, c, d].includes(x));
      const ids = async (q: Parameters<CallStore['listCalls']>[0], now?: number) => ours((await store.listCalls(q, now)).calls.map((x) => x.callId));

      const range = { fromMs: t0, toMs: t0 + 4 * 60_000 };
      expect(await ids({ ...range, limit: 50 })).toEqual([d, c, b, a]);
      expect(await ids({ ...range, agentId: 'ag-a', limit: 50 })).toEqual([c, a]);
      expect(await ids({ ...range, agentIds: ['ag-b', 'ag-c'], limit: 50 })).toEqual([d, b]);
      expect(await ids({ fromMs: t0 + 60_000, toMs: t0 + 3 * 60_000, limit: 50 })).toEqual([c, b]);
      expect(await ids({ ...range, emotion: 'anger', limit: 50 })).toEqual([d, a]);
      expect(await ids({ ...range, minScore: 60, limit: 50 })).toEqual([b]);
      expect(await ids({ ...range, maxScore: 60, limit: 50 })).toEqual([a]);
      expect(await ids({ ...range, status: 'live', limit: 50 })).toEqual([d]);
      expect(await ids({ ...range, status: 'complete', limit: 50 })).toEqual([c, b, a]);
      expect((await store.getCall(a))!.scorecard).toEqual({ score: 55, dimensions: { politeness: 50 } });

      // Paging with the cursor visits every call once.
      const seen: string[] = [];
      let after: { startedAtMs: number; callId: string } | undefined;
      for (let page = 0; page < 5; page++) {
        const p = await store.listCalls({ ...range, limit: 3, ...(after ? { after } : {}) });
        seen.push(...p.calls.map((x) => x.callId));
        if (!p.next) break;
        after = p.next;
      }
      expect(ours(seen)).toEqual([d, c, b, a]);
    });

    it('reads a live call whose heartbeat went stale as incomplete, and marks such calls for good', async () => {
      const c = new CallScript(bus, id('stale'), 'agent-1').start();
      c.say('caller', 'hello', 0);
      await recorder.flush();
      const now = Date.now();
      expect((await store.getCall(c.callId, now))!.status).toBe('live');
      expect((await store.getCall(c.callId, now + STALE_AFTER_MS + 5000))!.status).toBe('incomplete');
      const later = { fromMs: now - 60_000, status: 'incomplete' as const, limit: 50 };
      expect((await store.listCalls(later, now + STALE_AFTER_MS + 5000)).calls.map((x) => x.callId)).toContain(c.callId);
      recorder.forget(c.callId); // its node "died": nothing refreshes the heartbeat
      expect(await store.markIncomplete(now + 1000)).toBeGreaterThanOrEqual(1);
      const r = (await store.getCall(c.callId))!;
      expect(r.status).toBe('incomplete');
      expect(r.transcript.map((t) => t.text)).toEqual(['hello']);
    });

    it('leaves the live calls of another running process alone, and closes out only those whose owner is gone', async () => {
      const c = new CallScript(bus, id('owned'), 'agent-1').start();
      c.say('caller', 'still talking', 0);
      await recorder.flush();
      // Another process (another node, or an offline tool) opens the same database and starts recording.
      const otherStore = await target().open();
      const other = new CallRecorder({ store: otherStore, bus: new LocalBus(), logger: createLogger('silent'), retentionDays: 90, sweepIntervalMs: 20 });
      try {
        await other.start();
        await new Promise((r) => setTimeout(r, 100)); // a few of its sweeps
        expect((await store.getCall(c.callId))!.status).toBe('live');
        // The first owner's writes go on as before.
        c.say('caller', 'and more', 1000);
        await recorder.flush();
        expect((await store.getCall(c.callId))!.transcript).toHaveLength(2);
        // Once the first owner's lease has expired (time moved on without a renewal), the call is closed out.
        expect(await otherStore.markIncomplete(Date.now() + 1000)).toBeGreaterThanOrEqual(1);
        expect((await store.getCall(c.callId))!.status).toBe('incomplete');
      } finally {
        await other.close();
        await otherStore.close();
      }
    });

    it('marks its own unfinished calls incomplete when it closes, and nobody else’s', async () => {
      const mine = new CallScript(bus, id('mine'), 'agent-1').start();
      mine.say('caller', 'hello', 0);
      const otherStore = await target().open();
      const otherBus = new LocalBus();
      const other = new CallRecorder({ store: otherStore, bus: otherBus, logger: createLogger('silent'), retentionDays: 90 });
      try {
        await other.start();
        const theirs = new CallScript(otherBus, id('theirs'), 'agent-2').start();
        theirs.say('caller', 'hello there', 0);
        await Promise.all([recorder.flush(), other.flush()]);
        await recorder.close();
        expect((await otherStore.getCall(mine.callId))!.status).toBe('incomplete');
        expect((await otherStore.getCall(theirs.callId))!.status).toBe('live');
      } finally {
        await other.close();
        await otherStore.close();
      }
    });

    it('purges records past retention and keeps the rest', async () => {
      const old = new CallScript(bus, id('old'), 'agent-p', Date.now() - 91 * DAY_MS).start();
      old.prompt('p-old', 'empathy.onset.anger');
      old.end();
      const recent = new CallScript(bus, id('recent'), 'agent-p', Date.now() - 89 * DAY_MS).start();
      recent.end();
      await recorder.flush();
      expect(await store.getCall(old.callId)).not.toBeNull();
      expect(await recorder.purge()).toBeGreaterThanOrEqual(1);
      expect(await store.getCall(old.callId)).toBeNull();
      expect(await store.getCall(recent.callId)).not.toBeNull();
      expect((await store.agentStats('agent-p')).totals.shown).toBe(0);

      // And again on its timer, without a restart.
      const periodic = new CallRecorder({ store, bus: new LocalBus(), logger: createLogger('silent'), retentionDays: 90, purgeIntervalMs: 40 });
      await periodic.start();
      const late = new CallScript(bus, id('late'), 'agent-p', Date.now() - 100 * DAY_MS).start();
      late.end();
      await recorder.flush();
      expect(await store.getCall(late.callId)).not.toBeNull();
      // The timer fires every 40 ms; a busy machine runs it later, not never (no fixed sleep to race).
      await vi.waitFor(async () => expect(await store.getCall(late.callId)).toBeNull(), { timeout: 30_000, interval: 40 });
      await periodic.close();
    });

    it('deletes one call on request, live or ended, and a live call is not recreated by its next events', async () => {
      const ended = new CallScript(bus, id('del'), 'agent-d').start();
      ended.prompt('p-del', 'empathy.onset.anger');
      ended.end();
      const live = new CallScript(bus, id('del-live'), 'agent-d').start();
      live.say('caller', 'first words', 0);
      await recorder.flush();
      expect(await recorder.deleteCall(ended.callId)).toBe(true);
      expect(await recorder.deleteCall(ended.callId)).toBe(false);
      expect(await store.getCall(ended.callId)).toBeNull();
      expect((await store.agentStats('agent-d')).totals.shown).toBe(0);

      expect(await recorder.deleteCall(live.callId)).toBe(true);
      live.say('caller', 'more words after the deletion', 2000);
      live.end();
      await recorder.flush();
      expect(await store.getCall(live.callId)).toBeNull();
      // Even a write that was already on its way finds no row to land in.
      await store.write([{ callId: live.callId, events: [{ seq: 99, type: 'transcript', atMs: Date.now(), body: { text: 'late' } }], prompts: [], acks: [], totals: { emotions: [], peakIntensity: null, prompts: 0, alerts: 0, violations: 0, heartbeatMs: Date.now() } }]);
      expect(await store.getCall(live.callId)).toBeNull();
      expect(await target().dump(store)).not.toContain(live.callId);
    });

    it('counts prompts shown, used, dismissed and rated, per agent and rule (manual §6 feedback loop)', async () => {
      const c1 = new CallScript(bus, id('st1'), 'agent-s').start();
      c1.prompt('a', 'empathy.onset.anger');
      c1.prompt('b', 'empathy.onset.anger');
      c1.prompt('c', 'compliance.verify');
      c1.ack('a', 'used');
      c1.ack('a', 'helpful');
      c1.ack('b', 'dismissed');
      c1.ack('b', 'helpful');
      c1.ack('b', 'not_helpful'); // changed their mind: the last rating counts
      c1.end();
      const c2 = new CallScript(bus, id('st2'), 'agent-s').start();
      c2.prompt('a', 'empathy.onset.anger'); // same prompt id on another call is another prompt
      c2.ack('a', 'used');
      c2.end();
      const other = new CallScript(bus, id('st3'), 'agent-other').start();
      other.prompt('z', 'empathy.onset.anger');
      other.ack('z', 'used');
      other.end();
      await recorder.flush();

      const s = await store.agentStats('agent-s');
      expect(s.calls).toBe(2);
      expect(s.totals).toEqual({ shown: 4, used: 2, dismissed: 1, helpful: 1, notHelpful: 1 });
      expect(s.byRule).toEqual([
        { rule: 'empathy.onset.anger', kind: 'empathy', shown: 3, used: 2, dismissed: 1, helpful: 1, notHelpful: 1 },
        { rule: 'compliance.verify', kind: 'compliance', shown: 1, used: 0, dismissed: 0, helpful: 0, notHelpful: 0 },
      ]);
      const none = await store.agentStats('agent-s', { fromMs: Date.now() + DAY_MS });
      expect(none).toEqual({ agentId: 'agent-s', calls: 0, totals: { shown: 0, used: 0, dismissed: 0, helpful: 0, notHelpful: 0 }, byRule: [] });
    });

    it('keeps a failed write and writes it, in order, once the database takes writes again', async () => {
      const c = new CallScript(bus, id('retry'), 'agent-1').start();
      c.say('caller', 'one', 0);
      await recorder.flush();
      await target().exec('ALTER TABLE call_events RENAME TO call_events_away');
      try {
        c.say('caller', 'two', 1000);
        c.prompt('p-retry', 'empathy.onset.anger');
        c.say('caller', 'three', 2000);
        await recorder.flush(); // fails: the rows stay with the recorder
        expect(recorder.counters.failedWrites).toBe(1);
      } finally {
        await target().exec('ALTER TABLE call_events_away RENAME TO call_events');
      }
      c.say('caller', 'four', 3000);
      c.end();
      await recorder.flush();
      const r = (await store.getCall(c.callId))!;
      expect(r.transcript.map((t) => t.text)).toEqual(['one', 'two', 'three', 'four']);
      expect(r.prompts.map((p) => p.promptId)).toEqual(['p-retry']);
      expect(r.status).toBe('complete');
      expect(recorder.liveCalls).toBe(0);
      // The periodic flush may retry (and fail) again before the table is back: more failures, nothing lost.
      expect(recorder.counters.failedWrites).toBeGreaterThanOrEqual(1);
      expect(recorder.counters.droppedRows).toBe(0);
    });

    it('writes the other calls when one call’s rows are refused, and that call once they are accepted', async () => {
      const [good1, bad, good2] = [id('iso-a'), id('iso-poison'), id('iso-b')];
      const refuse = store.kind === 'sqlite'
        ? [`CREATE TRIGGER refuse BEFORE INSERT ON call_events WHEN NEW.call_id = '${bad}' BEGIN SELECT RAISE(ABORT, 'refused'); END`, 'DROP TRIGGER refuse']
        : [`ALTER TABLE call_events ADD CONSTRAINT refuse CHECK (call_id <> '${bad}')`, 'ALTER TABLE call_events DROP CONSTRAINT refuse'];
      await target().exec(refuse[0]!);
      try {
        for (const [callId, words] of [[good1, 'first'], [bad, 'second'], [good2, 'third']] as const) {
          new CallScript(bus, callId, 'agent-1').start().say('caller', words, 0);
        }
        await recorder.flush();
        expect((await store.getCall(good1))!.transcript).toHaveLength(1);
        expect((await store.getCall(good2))!.transcript).toHaveLength(1);
        expect(await store.getCall(bad)).toBeNull();
        // The batch, then the bad call alone (and again, if the periodic flush ran meanwhile).
        expect(recorder.counters.failedWrites).toBeGreaterThanOrEqual(2);
      } finally {
        await target().exec(refuse[1]!);
      }
      await recorder.flush();
      expect((await store.getCall(bad))!.transcript.map((t) => t.text)).toEqual(['second']);
    });

    it('stores text any database accepts: no NUL, no half surrogate pair', async () => {
      const c = new CallScript(bus, id('odd'), 'agent-1').start();
      c.say('caller', 'bro\u0000ken \uD800 text \uD83D\uDE00', 0);
      await recorder.flush();
      expect((await store.getCall(c.callId))!.transcript[0]!.text).toBe('broken \uFFFD text \uD83D\uDE00');
      expect(recorder.counters.failedWrites).toBe(0);
    });

    it('starts a fresh record when a call id is used again', async () => {
      const callId = id('reuse');
      const first = new CallScript(bus, callId, 'agent-1').start();
      first.say('caller', 'first call', 0);
      first.end();
      await recorder.flush();
      const second = new CallScript(bus, callId, 'agent-2').start();
      second.say('caller', 'second call', 0);
      await recorder.flush();
      const r = (await store.getCall(callId))!;
      expect(r.agentId).toBe('agent-2');
      expect(r.status).toBe('live');
      expect(r.transcript.map((t) => t.text)).toEqual(['second call']);
    });
  });
}
