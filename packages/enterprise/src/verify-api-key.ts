import { checkWire, type Janua, type RequestOptions, request, ValidationError } from '@janua/core';
import type { ApiKeyVerification } from './types';
import type { WireApiKeyVerification } from './wire';

/**
 * Checks whether a key is valid and returns its organization and scopes. Needs no credentials;
 * the key travels in the body, never in a URL.
 *
 * @throws {ValidationError} when `key` is empty (no request is made).
 * @throws {JanuaError} code `INVALID_RESPONSE` when the answer holds no boolean `valid`.
 * @example
 * ```ts
 * const { valid, scopes } = await verifyApiKey(janua, { key: incomingKey });
 * ```
 */
export async function verifyApiKey(
  janua: Janua,
  params: { key: string },
  options: RequestOptions = {},
): Promise<ApiKeyVerification> {
  if (typeof params?.key !== 'string' || params.key.length === 0) {
    throw new ValidationError({ code: 'VALIDATION_ERROR', message: 'key must be a non-empty string' });
  }
  return request(janua, {
    ...options,
    method: 'POST',
    path: '/api-keys/verify',
    auth: 'none',
    body: { key: params.key },
    map: (wire: WireApiKeyVerification) => ({
      // Callers grant access on it: an answer without it must reject, not read as "not false".
      valid: checkWire(wire.valid, 'boolean'),
      organizationId: wire.org_id ?? null,
      scopes: wire.scopes ?? [],
      keyId: wire.key_id ?? null,
    }),
  });
}
