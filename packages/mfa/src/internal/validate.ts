import { ValidationError } from '@janua/core';

function invalid(field: string, message: string, type = 'value_error'): ValidationError {
  return new ValidationError({ code: 'VALIDATION_ERROR', message, fieldErrors: [{ field, message, type }] });
}

export function requireString(value: unknown, field: string): string {
  if (typeof value !== 'string' || value === '') throw invalid(field, `${field} is required`, 'missing');
  return value;
}

/**
 * A TOTP or SMS code, or a backup code with or without its dash. Spaces and dashes are stripped
 * because the server's `code` fields are length-limited (§4.6: 6–8 characters).
 */
export function normaliseCode(value: unknown, field: string, allowBackup: boolean): string {
  const code = requireString(value, field).replace(/[\s-]/g, '').toUpperCase();
  if (/^\d{6}$/.test(code) || (allowBackup && /^[A-Z0-9]{8}$/.test(code))) return code;
  throw invalid(
    field,
    allowBackup ? `${field} must be a 6-digit code or an 8-character backup code` : `${field} must be a 6-digit code`,
  );
}

export function requireEmail(value: unknown, field: string): string {
  const email = requireString(value, field).trim();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw invalid(field, `${field} must be an email address`);
  return email;
}
