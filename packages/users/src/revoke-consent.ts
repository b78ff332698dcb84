import { assertUuid, type Janua, type RequestOptions, request, segment } from '@janua/core';

/** Input of {@link revokeConsent}. */
export interface RevokeConsentParams {
  consentId: string;
}

/**
 * Withdraws one of the signed-in user's consents (`DELETE /users/me/consents/{id}`): the client
 * loses its scopes, and a later `grantConsent` starts a new consent.
 *
 * @param janua - The {@link Janua} instance, signed in.
 * @param params - The consent's id.
 * @throws {ValidationError} for a non-UUID id (no request is made).
 * @throws {NotFoundError} `Consent not found`: unknown, someone else's, or already revoked.
 * @example
 * ```ts
 * await revokeConsent(janua, { consentId });
 * ```
 */
export async function revokeConsent(
  janua: Janua,
  params: RevokeConsentParams,
  options: RequestOptions = {},
): Promise<void> {
  const id = assertUuid(params?.consentId, 'consentId');
  await request(janua, { ...options, method: 'DELETE', path: `/users/me/consents/${segment(id)}` });
}
