// Exports of the call list for archives and spreadsheets (manual §5 "archive for lookup and
// statistics"): every matching call, read page by page and streamed, as CSV or a JSON array.

import { Readable } from 'node:stream';
import type { CallQuery, CallStore, CallSummary } from '../storage/index.js';

/** Most calls one export returns; a larger archive is taken in time ranges. */
export const MAX_EXPORT_ROWS = 100_000;
const PAGE = 500;

export const CSV_COLUMNS = [
  'callId',
  'agentId',
  'language',
  'source',
  'status',
  'startedAt',
  'endedAt',
  'durationMs',
  'endReason',
  'emotions',
  'peakIntensity',
  'promptCount',
  'alertCount',
  'violationCount',
  'score',
] as const satisfies readonly (keyof CallSummary)[];

/** One CSV field: quoted when needed, and never read as a formula by a spreadsheet. */
export function csvField(v: unknown): string {
  if (v === null || v === undefined) return '';
  let s = Array.isArray(v) ? v.join(' ') : String(v);
  if (/^[=+\-@\t\r]/.test(s) && !/^-?\d/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

async function* summaries(store: CallStore, query: Omit<CallQuery, 'limit' | 'after'>): AsyncGenerator<CallSummary> {
  let after: CallQuery['after'];
  let sent = 0;
  while (sent < MAX_EXPORT_ROWS) {
    const page = await store.listCalls({ ...query, limit: Math.min(PAGE, MAX_EXPORT_ROWS - sent), ...(after ? { after } : {}) });
    for (const c of page.calls) yield c;
    sent += page.calls.length;
    if (!page.next) return;
    after = page.next;
  }
}

export function csvExport(store: CallStore, query: Omit<CallQuery, 'limit' | 'after'>): Readable {
  return Readable.from(
    (async function* () {
      yield `${CSV_COLUMNS.join(',')}\r\n`;
      for await (const c of summaries(store, query)) yield `${CSV_COLUMNS.map((k) => csvField(c[k])).join(',')}\r\n`;
    })(),
  );
}

export function jsonExport(store: CallStore, query: Omit<CallQuery, 'limit' | 'after'>): Readable {
  return Readable.from(
    (async function* () {
      yield '[';
      let first = true;
      for await (const c of summaries(store, query)) {
        yield `${first ? '' : ','}\n${JSON.stringify(c)}`;
        first = false;
      }
      yield '\n]\n';
    })(),
  );
}
