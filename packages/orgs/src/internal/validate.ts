import { ValidationError } from '@janua/core';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function invalid(field: string, message: string, type = 'value_error'): ValidationError {
  return new ValidationError({ code: 'VALIDATION_ERROR', message, fieldErrors: [{ field, message, type }] });
}

/** A UUID path or body id, lower-cased; anything else is rejected before a request (§1.8). */
export function requireId(value: unknown, field: string): string {
  if (typeof value !== 'string' || !UUID.test(value)) throw invalid(field, `${field} must be a UUID`);
  return value.toLowerCase();
}

/** A non-empty string of at most `max` characters. */
export function requireString(value: unknown, field: string, max = Number.POSITIVE_INFINITY): string {
  if (typeof value !== 'string' || value.trim() === '') throw invalid(field, `${field} is required`, 'missing');
  if (value.length > max) throw invalid(field, `${field} must be at most ${max} characters`, 'string_too_long');
  return value;
}

/** An optional string of at most `max` characters. */
export function optionalString(value: unknown, field: string, max: number): string | undefined {
  if (value === undefined || value === null) return undefined;
  return requireString(value, field, max);
}

export function requireEmail(value: unknown, field: string): string {
  const email = requireString(value, field).trim();
  if (!EMAIL.test(email)) throw invalid(field, `${field} must be an email address`);
  return email;
}

/** An integer from `min` to `max`, or undefined. */
export function optionalInt(value: unknown, field: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalid(field, `${field} must be an integer from ${min} to ${max}`);
  }
  return value;
}

export function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((p) => typeof p === 'string');
}
