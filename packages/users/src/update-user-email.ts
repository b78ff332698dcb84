import { assertUuid, type Janua, type RequestOptions, request } from '@janua/core';
import { toUser } from './internal/map';
import { requireEmail } from './internal/validate';
import type { User } from './types';

/**
 * Changes a user's email (admin, or yourself). With `requireVerification` (default) the new
 * address starts unverified and gets a verification mail.
 *
 * @throws {ConflictError} when the address belongs to another account.
 * @example
 * ```ts
 * await updateUserEmail(janua, { userId, newEmail: 'new@example.com' });
 * ```
 */
export async function updateUserEmail(
  janua: Janua,
  params: { userId: string; newEmail: string; requireVerification?: boolean },
  options: RequestOptions = {},
): Promise<User> {
  const id = assertUuid(params?.userId, 'userId');
  return request(janua, {
    ...options,
    method: 'POST',
    path: `/users/${id}/email`,
    body: {
      email: requireEmail(params.newEmail, 'newEmail'),
      require_verification: params.requireVerification ?? true,
    },
    map: toUser,
  });
}
