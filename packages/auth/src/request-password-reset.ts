import { type Janua, type RequestOptions, request } from '@janua/core';
import { requireString } from './internal/validate';

/** Input of {@link requestPasswordReset}. */
export interface RequestPasswordResetParams {
  email: string;
  /** Your reset page; the mailed link is `<redirectBase>?token=…`. Must be on the server's allow-list, else the hosted page is used. */
  redirectBase?: string;
}

/**
 * Mails a password-reset link (valid 1 hour). Always resolves the same way whether or not the
 * email exists, so it cannot be used to probe for accounts.
 *
 * @throws {RateLimitError} after 3 requests per hour from one IP (when limits are on).
 * @example
 * ```ts
 * await requestPasswordReset(janua, { email: 'ada@example.com', redirectBase: 'https://app.example.com/reset' });
 * ```
 */
export async function requestPasswordReset(
  janua: Janua,
  params: RequestPasswordResetParams,
  options: RequestOptions = {},
): Promise<void> {
  await request(janua, {
    ...options,
    method: 'POST',
    path: '/auth/password/forgot',
    auth: 'none',
    body: { email: requireString(params?.email, 'email'), redirect_base: params.redirectBase },
  });
}
