// The records API's query strings, validated once at the edge: filters for the call list and
// the stats range. Times are ISO 8601 or epoch milliseconds; the page cursor is opaque.

import { z } from 'zod';
import { EMOTION_LABELS } from '../frames/types.js';

const ID = /^[A-Za-z0-9._:@-]{1,128}$/;

const time = z.string().transform((v, ctx) => {
  const ms = /^\d+$/.test(v) ? Number(v) : Date.parse(v);
  if (!Number.isFinite(ms)) {
    ctx.addIssue({ code: 'custom', message: 'a time is ISO 8601 or epoch milliseconds' });
    return z.NEVER;
  }
  return ms;
});

const number = z.string().regex(/^-?\d+(\.\d+)?$/, 'a number').transform(Number);

const cursor = z.string().transform((v, ctx) => {
  try {
    const [startedAtMs, callId] = JSON.parse(Buffer.from(v, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof startedAtMs === 'number' && typeof callId === 'string') return { startedAtMs, callId };
  } catch {
    // answered below
  }
  ctx.addIssue({ code: 'custom', message: 'not a cursor this API issued' });
  return z.NEVER;
});

export function encodeCursor(next: { startedAtMs: number; callId: string }): string {
  return Buffer.from(JSON.stringify([next.startedAtMs, next.callId])).toString('base64url');
}

export const listQuerySchema = z.object({
  agentId: z.string().regex(ID, 'an agent id').optional(),
  from: time.optional(),
  to: time.optional(),
  /** The caller showed this emotion at some point, e.g. emotion=anger. */
  emotion: z.enum(EMOTION_LABELS as [string, ...string[]]).optional(),
  minScore: number.optional(),
  maxScore: number.optional(),
  status: z.enum(['live', 'complete', 'incomplete']).optional(),
  limit: z.string().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(1).max(500)).optional(),
  cursor: cursor.optional(),
  /** Export every matching call (not a page) as CSV or a JSON array. */
  format: z.enum(['csv', 'json']).optional(),
  token: z.string().optional(),
});
export type ListQuery = z.infer<typeof listQuerySchema>;

export const rangeQuerySchema = z.object({ from: time.optional(), to: time.optional(), token: z.string().optional() });

export const idParamsSchema = z.object({ id: z.string().regex(ID, 'an id of 1–128 letters, digits or . _ : @ -') });

/** The first problem with a query, as one line naming the parameter. */
export function describeIssue(err: z.ZodError): string {
  const issue = err.issues[0]!;
  const where = issue.path.length > 0 ? String(issue.path[0]) : 'query';
  return `${where}: ${issue.message}`;
}
