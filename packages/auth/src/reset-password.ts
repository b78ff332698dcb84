import { type Janua, type RequestOptions, request } from '@janua/core';
import { requireString } from './internal/validate';

/** Input of {@link resetPassword}. */
export interface ResetPasswordParams {
  /** The `token` query parameter of the mailed link. */
  token: string;
  newPassword: string;
}

/**
 * Sets a new password with a reset token (single use). Also marks the email verified and signs
 * out every session of the account.
 *
 * @throws {ValidationError} `Invalid or expired reset token`, or the password policy message.
 * @example
 * ```ts
 * await resetPassword(janua, { token: new URL(location.href).searchParams.get('token')!, newPassword });
 * ```
 */
export async function resetPassword(
  janua: Janua,
  params: ResetPasswordParams,
  options: RequestOptions = {},
): Promise<void> {
  await request(janua, {
    ...options,
    method: 'POST',
    path: '/auth/password/reset',
    auth: 'none',
    body: {
      token: requireString(params?.token, 'token'),
      new_password: requireString(params.newPassword, 'newPassword'),
    },
  });
}
