import { type Janua, type RequestOptions, request, segment } from '@janua/core';
import { requireString, requireUuid } from './internal/validate';

/** Input of {@link deletePasskey}. */
export interface DeletePasskeyParams {
  passkeyId: string;
  /** The account password: removing a sign-in method needs it (contract §4.7). */
  password: string;
}

/**
 * Deletes one of the signed-in user's passkeys (`DELETE /passkeys/{id}?password=`). The password
 * travels in the query string because the API takes it there (contract §1.3); the SDK's debug log
 * redacts it.
 *
 * @param janua - The {@link Janua} instance, signed in.
 * @param params - The passkey id and the account password.
 * @throws {ValidationError} for a non-UUID id or a missing password (no request is made); from the
 *   server (400) `Invalid password`.
 * @throws {NotFoundError} `Passkey not found`, also for another user's passkey.
 * @example
 * ```ts
 * await deletePasskey(janua, { passkeyId, password: 'Correct-Horse-9!' });
 * ```
 */
export async function deletePasskey(
  janua: Janua,
  params: DeletePasskeyParams,
  options: RequestOptions = {},
): Promise<void> {
  const id = requireUuid(params?.passkeyId, 'passkeyId');
  const password = requireString(params.password, 'password');
  await request(janua, {
    ...options,
    method: 'DELETE',
    path: `/passkeys/${segment(id)}`,
    query: { password },
  });
}
