import { ValidationError } from '@janua/core';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** @internal Rejects bad input before any request, as a `ValidationError` naming the field. */
export function invalid(field: string, message: string, type = 'value_error'): ValidationError {
  return new ValidationError({ code: 'VALIDATION_ERROR', message, fieldErrors: [{ field, message, type }] });
}

/** @internal A required, non-blank string. */
export function requireString(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw invalid(field, `${field} is required`, 'missing');
  return value;
}

/** @internal A path id: non-UUIDs never reach the server (contract §1.8). */
export function requireUuid(value: unknown, field: string): string {
  if (typeof value !== 'string' || !UUID.test(value)) throw invalid(field, `${field} must be a UUID`);
  return value.toLowerCase();
}

/** @internal A passkey name: 1 to 100 characters (contract §4.7). */
export function requireName(value: unknown, field = 'name'): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > 100) {
    throw invalid(field, `${field} must be 1 to 100 characters`);
  }
  return value;
}

/** @internal Like {@link requireName}, but absent is fine. */
export function optionalName(value: unknown, field = 'name'): string | undefined {
  return value === undefined || value === null ? undefined : requireName(value, field);
}

/**
 * @internal The `challenge` a credential answers, read from its base64url `clientDataJSON`. Checks
 * the credential's shape on the way, so a malformed one fails locally.
 */
export function challengeOf(credential: unknown, fields: readonly string[]): string {
  const c = credential as { id?: unknown; rawId?: unknown; response?: Record<string, unknown> } | null;
  if (!c || typeof c !== 'object' || !c.response || typeof c.response !== 'object') {
    throw invalid('credential', 'credential must be a WebAuthn credential in its JSON form');
  }
  requireString(c.id, 'credential.id');
  for (const f of fields) requireString(c.response[f], `credential.response.${f}`);
  let challenge: unknown;
  try {
    challenge = JSON.parse(decodeBase64Url(c.response.clientDataJSON as string)).challenge;
  } catch {
    challenge = undefined;
  }
  if (typeof challenge !== 'string' || challenge === '') {
    throw invalid('credential.response.clientDataJSON', 'credential.response.clientDataJSON holds no challenge');
  }
  return challenge;
}

/** base64url (no padding) → UTF-8 text, with Web APIs only so every runtime runs it. */
function decodeBase64Url(value: string): string {
  const b64 = value.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return new TextDecoder().decode(Uint8Array.from(bin, (ch) => ch.charCodeAt(0)));
}
