import { type Janua, type RequestOptions, request } from '@janua/core';
import { requireString } from './internal/validate';

/**
 * Confirms an email address with the token from the verification link. Needs no sign-in.
 *
 * @throws {ValidationError} `Invalid or expired verification token`.
 * @example
 * ```ts
 * await verifyEmail(janua, { token });
 * ```
 */
export async function verifyEmail(
  janua: Janua,
  params: { token: string },
  options: RequestOptions = {},
): Promise<void> {
  await request(janua, {
    ...options,
    method: 'POST',
    path: '/auth/email/verify',
    auth: 'none',
    body: { token: requireString(params?.token, 'token') },
  });
}
