import { ValidationError } from '@janua/core';

/** Rejects a missing or non-string required field before any request is made. */
export function requireString(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ValidationError({
      code: 'VALIDATION_ERROR',
      message: `${field} is required`,
      fieldErrors: [{ field, message: `${field} is required`, type: 'missing' }],
    });
  }
  return value;
}
