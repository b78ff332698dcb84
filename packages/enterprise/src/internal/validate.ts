import { ValidationError } from '@janua/core';

function fail(field: string, message: string): never {
  throw new ValidationError({
    code: 'VALIDATION_ERROR',
    message: `${field} ${message}`,
    fieldErrors: [{ field, message: `${field} ${message}`, type: 'value_error' }],
  });
}

/** A string of 1..max characters, checked before any request. */
export function requireName(value: unknown, field: string, max: number): string {
  if (typeof value !== 'string' || value.length < 1 || value.length > max)
    fail(field, `must be 1 to ${max} characters`);
  return value;
}

const SCOPE = /^(\*|[a-z_-]+:(\*|[a-z_-]+))$/i;

/** `resource:action` scopes (or `*`), checked before any request. */
export function requireScopes(value: unknown, field = 'scopes'): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((s) => typeof s !== 'string' || !SCOPE.test(s))) {
    fail(field, 'must be a list of "resource:action" scopes or "*"');
  }
  return value as string[];
}

/** An integer in range, checked before any request. */
export function requireInt(value: unknown, field: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail(field, `must be an integer from ${min} to ${max}`);
  }
  return value;
}

/** A valid Date, checked before any request. */
export function requireDate(value: unknown, field: string): Date | undefined {
  if (value === undefined) return undefined;
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) fail(field, 'must be a valid Date');
  return value;
}

const SCIM_PROVIDERS = ['okta', 'azure_ad', 'onelogin', 'google_workspace', 'jumpcloud', 'ping_identity', 'custom'];

/** A SCIM provider name the server accepts, checked before any request. */
export function requireScimProvider(value: unknown, field = 'provider'): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !SCIM_PROVIDERS.includes(value))
    fail(field, `must be one of ${SCIM_PROVIDERS.join(', ')}`);
  return value;
}

/** A boolean, checked before any request. */
export function requireBoolean(value: unknown, field: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') fail(field, 'must be a boolean');
  return value;
}

/** A plain object, checked before any request. */
export function requireObject(value: unknown, field: string): Record<string, unknown> | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail(field, 'must be an object');
  return value as Record<string, unknown>;
}

/** A list of strings, checked before any request. */
export function requireStringList(value: unknown, field: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) fail(field, 'must be a list of strings');
  return value as string[];
}
