import type { Context } from 'hono';
import { type ZodType, z } from 'zod';
import { HttpError } from './errors';

interface FieldIssue {
  field: string;
  message: string;
  type: string;
}

// Pydantic's wording (§2.1), so SDK tests see what the real server says.
function describe(issue: z.core.$ZodIssue, input: unknown): { message: string; type: string } {
  switch (issue.code) {
    case 'invalid_type':
      return input === undefined
        ? { message: 'Field required', type: 'missing' }
        : { message: `Input should be a valid ${issue.expected}`, type: `${issue.expected}_type` };
    case 'too_small':
      return issue.origin === 'string'
        ? { message: `String should have at least ${issue.minimum} characters`, type: 'string_too_short' }
        : { message: `Input should be greater than or equal to ${issue.minimum}`, type: 'greater_than_equal' };
    case 'too_big':
      return issue.origin === 'string'
        ? { message: `String should have at most ${issue.maximum} characters`, type: 'string_too_long' }
        : { message: `Input should be less than or equal to ${issue.maximum}`, type: 'less_than_equal' };
    case 'invalid_format':
      return issue.format === 'email'
        ? { message: 'value is not a valid email address: An email address must have an @-sign.', type: 'value_error' }
        : {
            message: `String should match pattern '${(issue as { pattern?: string }).pattern ?? issue.format}'`,
            type: 'string_pattern_mismatch',
          };
    default:
      return { message: issue.message, type: 'value_error' };
  }
}

function valueAt(root: unknown, path: PropertyKey[]): unknown {
  let v = root;
  for (const key of path) v = v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[key] : undefined;
  return v;
}

/** Validates `input` against `schema`, throwing a 422 with Pydantic-style field errors. */
export function validate<T>(schema: ZodType<T>, input: unknown, location: 'body' | 'query' | 'path' = 'body'): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const errors: FieldIssue[] = result.error.issues.map((issue) => ({
    field: [location, ...issue.path.map(String)].join('.'),
    ...describe(issue, valueAt(input, issue.path)),
  }));
  throw new HttpError(422, 'Request validation failed', 'VALIDATION_ERROR', { validation_errors: errors });
}

/** Reads and validates a JSON body; a missing or malformed body is a 422 like FastAPI's. */
export async function jsonBody<T>(c: Context, schema: ZodType<T>): Promise<T> {
  const text = await c.req.text();
  let parsed: unknown;
  if (text.trim() === '') parsed = undefined;
  else {
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new HttpError(422, 'Request validation failed', 'VALIDATION_ERROR', {
        validation_errors: [{ field: 'body', message: 'JSON decode error', type: 'json_invalid' }],
      });
    }
  }
  if (parsed === undefined) {
    throw new HttpError(422, 'Request validation failed', 'VALIDATION_ERROR', {
      validation_errors: [{ field: 'body', message: 'Field required', type: 'missing' }],
    });
  }
  return validate(schema, parsed, 'body');
}

/** Reads an optional JSON body ({} when empty). */
export async function optionalJsonBody<T>(c: Context, schema: ZodType<T>): Promise<T> {
  const text = await c.req.text();
  if (text.trim() === '') return validate(schema, {}, 'body');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new HttpError(422, 'Request validation failed', 'VALIDATION_ERROR', {
      validation_errors: [{ field: 'body', message: 'JSON decode error', type: 'json_invalid' }],
    });
  }
  return validate(schema, parsed, 'body');
}

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email());
export const uuidRe = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Path ids that are not UUIDs are a 400 `Invalid <thing> ID` (§1.8, designed here). */
export function pathId(value: string, thing: string): string {
  const v = value.toLowerCase();
  if (!uuidRe.test(v)) throw new HttpError(400, `Invalid ${thing} ID`);
  return v;
}

/**
 * An ISO-8601 date-time from the client (§1.8: send with `Z`; no offset reads as UTC) as epoch
 * ms, or a 422 at `field` like Pydantic's datetime parsing.
 */
export function isoInstant(value: string, field: string): number {
  const ms = /^\d{4}-\d\d-\d\dT/.test(value)
    ? Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`)
    : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new HttpError(422, 'Request validation failed', 'VALIDATION_ERROR', {
      validation_errors: [{ field, message: 'Input should be a valid datetime', type: 'datetime_parsing' }],
    });
  }
  return ms;
}

const TRUTHY = ['1', 'on', 't', 'true', 'y', 'yes'];
const FALSY = ['0', 'off', 'f', 'false', 'n', 'no'];

/** A boolean query parameter as Pydantic reads one (`true`/`false`, `1`/`0`, `yes`/`no`, …); else a 422. */
export const queryBool = z
  .string()
  .refine((v) => TRUTHY.includes(v.toLowerCase()) || FALSY.includes(v.toLowerCase()), {
    message: 'Input should be a valid boolean, unable to interpret input',
  })
  .transform((v) => TRUTHY.includes(v.toLowerCase()));
