import { ValidationError } from '@janua/core';

/** A non-empty string with an `@`, checked before any request. */
export function requireEmail(value: unknown, field = 'email'): string {
  if (typeof value !== 'string' || !/^[^\s@]+@[^\s@]+$/.test(value.trim())) {
    throw new ValidationError({
      code: 'VALIDATION_ERROR',
      message: `${field} must be an email address`,
      fieldErrors: [{ field, message: `${field} must be an email address`, type: 'value_error' }],
    });
  }
  return value.trim();
}
