// The edge where untrusted text becomes a typed message: JSON, then a known type, then that type's
// schema. Each failure has its own code so a bridge developer knows exactly what was wrong.

import type { z } from 'zod';
import { CallcueError, ErrorCodes } from '../errors.js';

type SchemasByType = Record<string, z.ZodType>;
type Parsed<S extends SchemasByType> = { [K in keyof S]: z.infer<S[K]> }[keyof S];

export function parseJsonMessage<S extends SchemasByType>(text: string, schemas: S): Parsed<S> {
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
  const schema = typeof type === 'string' && Object.hasOwn(schemas, type) ? schemas[type] : undefined;
  if (!schema) {
    throw new CallcueError(
      ErrorCodes.UNKNOWN_TYPE,
      `unknown message type ${JSON.stringify(type ?? null).slice(0, 40)}; expected one of ${Object.keys(schemas).join(', ')}`,
    );
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const keys = (issue as { keys?: string[] }).keys;
    const where = [...issue.path, ...(keys ?? [])].join('.');
    throw new CallcueError(ErrorCodes.INVALID_MESSAGE, `invalid "${type as string}" message: ${where ? `${where}: ` : ''}${issue.message}`);
  }
  return parsed.data as Parsed<S>;
}
