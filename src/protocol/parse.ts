// The edge where untrusted text becomes a typed message: JSON, then a known type, then the schema.
// Each failure has its own code so a bridge developer knows exactly what was wrong.

import type { z } from 'zod';
import { CallcueError, ErrorCodes } from '../errors.js';

export function parseJsonMessage<T>(text: string, knownTypes: readonly string[], schema: z.ZodType<T>): T {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CallcueError(ErrorCodes.MALFORMED_JSON, 'message is not valid JSON');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new CallcueError(ErrorCodes.INVALID_MESSAGE, 'message must be a JSON object with a "type"');
  }
  const type = (json as { type?: unknown }).type;
  if (typeof type !== 'string' || !knownTypes.includes(type)) {
    throw new CallcueError(
      ErrorCodes.UNKNOWN_TYPE,
      `unknown message type ${JSON.stringify(type ?? null).slice(0, 40)}; expected one of ${knownTypes.join(', ')}`,
    );
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? issue.path.join('.') : ((issue as { keys?: string[] }).keys ?? []).join(', ');
    throw new CallcueError(ErrorCodes.INVALID_MESSAGE, `invalid "${type}" message: ${where ? `${where}: ` : ''}${issue.message}`);
  }
  return parsed.data;
}
