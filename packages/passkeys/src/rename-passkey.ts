import { type Janua, type RequestOptions, request, segment } from '@janua/core';
import { toPasskey } from './internal/map';
import { requireName, requireUuid } from './internal/validate';
import type { Passkey } from './types';

/** Input of {@link renamePasskey}. */
export interface RenamePasskeyParams {
  passkeyId: string;
  /** 1 to 100 characters. */
  name: string;
}

/**
 * Renames one of the signed-in user's passkeys (`PATCH /passkeys/{id}`).
 *
 * @param janua - The {@link Janua} instance, signed in.
 * @param params - The passkey id and its new name.
 * @returns The updated passkey.
 * @throws {ValidationError} for a non-UUID id or a name outside 1–100 characters (no request is made).
 * @throws {NotFoundError} `Passkey not found`, also for another user's passkey.
 * @example
 * ```ts
 * const passkey = await renamePasskey(janua, { passkeyId, name: 'Work laptop' });
 * ```
 */
export async function renamePasskey(
  janua: Janua,
  params: RenamePasskeyParams,
  options: RequestOptions = {},
): Promise<Passkey> {
  const id = requireUuid(params?.passkeyId, 'passkeyId');
  const name = requireName(params.name);
  return request(janua, {
    ...options,
    method: 'PATCH',
    path: `/passkeys/${segment(id)}`,
    body: { name },
    map: toPasskey,
  });
}
