import { type Janua, type RequestOptions, request, ValidationError } from '@janua/core';
import { toConsent } from './internal/map';
import type { Consent } from './types';

/** Input of {@link grantConsent}. */
export interface GrantConsentParams {
  /** The OAuth client's id, 1–255 characters. */
  clientId: string;
  /** Scopes to grant (up to 100, each 1–100 characters), added to any the client already holds. */
  scopes?: string[];
  /** When the consent ends; absent means until revoked. Must be in the future (server clock). */
  expiresAt?: Date;
}

function invalid(field: string, message: string): ValidationError {
  return new ValidationError({
    code: 'VALIDATION_ERROR',
    message,
    fieldErrors: [{ field, message, type: 'value_error' }],
  });
}

/**
 * Records the signed-in user's consent to an OAuth client (`POST /users/me/consents`). A client
 * has at most one live consent: granting again adds the new scopes to it and restarts it with the
 * new `expiresAt` (absent: no expiry).
 *
 * @param janua - The {@link Janua} instance, signed in.
 * @param params - The client, the scopes and an optional expiry.
 * @returns The live {@link Consent}, with every scope granted so far.
 * @throws {ValidationError} locally for a missing or over-long `clientId`, bad `scopes` or an
 *   invalid `Date` (no request is made); from the server `expires_at must be in the future` (400).
 * @throws {AuthenticationError} when not signed in.
 * @example
 * ```ts
 * const consent = await grantConsent(janua, { clientId: 'acme-crm', scopes: ['openid', 'email'] });
 * ```
 */
export async function grantConsent(
  janua: Janua,
  params: GrantConsentParams,
  options: RequestOptions = {},
): Promise<Consent> {
  const clientId = params?.clientId;
  if (typeof clientId !== 'string' || clientId.length < 1 || clientId.length > 255) {
    throw invalid('clientId', 'clientId must be 1 to 255 characters');
  }
  const { scopes, expiresAt } = params;
  if (
    scopes !== undefined &&
    !(
      Array.isArray(scopes) &&
      scopes.length <= 100 &&
      scopes.every((s) => typeof s === 'string' && s.length >= 1 && s.length <= 100)
    )
  ) {
    throw invalid('scopes', 'scopes must be up to 100 strings of 1 to 100 characters');
  }
  if (expiresAt !== undefined && !(expiresAt instanceof Date && Number.isFinite(expiresAt.getTime()))) {
    throw invalid('expiresAt', 'expiresAt must be a valid Date');
  }
  return request(janua, {
    ...options,
    method: 'POST',
    path: '/users/me/consents',
    body: { client_id: clientId, scopes, expires_at: expiresAt?.toISOString() },
    map: toConsent,
  });
}
