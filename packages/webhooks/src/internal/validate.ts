import { ValidationError } from '@janua/core';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Rejects a non-UUID id before any request (contract §1.8). */
export function requireId(value: unknown, field: string): string {
  if (typeof value !== 'string' || !UUID.test(value)) {
    throw new ValidationError({
      code: 'VALIDATION_ERROR',
      message: `${field} must be a UUID`,
      fieldErrors: [{ field, message: `${field} must be a UUID`, type: 'uuid_parsing' }],
    });
  }
  return value.toLowerCase();
}

/** Rejects paging input outside the server's bounds (offset style, limit ≤ 1000). */
export function requirePaging(limit: number, offset: number): void {
  const bad = (field: string, message: string) =>
    new ValidationError({ code: 'VALIDATION_ERROR', message, fieldErrors: [{ field, message, type: 'value_error' }] });
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
    throw bad('limit', 'limit must be an integer from 1 to 1000');
  if (!Number.isInteger(offset) || offset < 0) throw bad('offset', 'offset must be a non-negative integer');
}
