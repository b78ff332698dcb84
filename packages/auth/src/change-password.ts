import { type Janua, type RequestOptions, request } from '@janua/core';
import { requireString } from './internal/validate';

/** Input of {@link changePassword}. */
export interface ChangePasswordParams {
  currentPassword: string;
  newPassword: string;
}

/**
 * Changes the signed-in user's password. Every other session of the account is signed out; this
 * one stays.
 *
 * @throws {ValidationError} `Current password is incorrect`, or the password policy message.
 * @example
 * ```ts
 * await changePassword(janua, { currentPassword, newPassword: 'Another-Horse-7!' });
 * ```
 */
export async function changePassword(
  janua: Janua,
  params: ChangePasswordParams,
  options: RequestOptions = {},
): Promise<void> {
  await request(janua, {
    ...options,
    method: 'POST',
    path: '/auth/password/change',
    body: {
      current_password: requireString(params?.currentPassword, 'currentPassword'),
      new_password: requireString(params.newPassword, 'newPassword'),
    },
  });
}
