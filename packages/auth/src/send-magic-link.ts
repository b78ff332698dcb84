import { type Janua, type RequestOptions, request } from '@janua/core';
import { requireString } from './internal/validate';

/** Input of {@link sendMagicLink}. */
export interface SendMagicLinkParams {
  email: string;
  /** Your page that receives `?token=…` and calls `verifyMagicLink`. Must be on the server's allow-list. Always pass it: without it the link ends on a server error page. */
  redirectUrl: string;
}

/**
 * Mails a one-time sign-in link (valid 15 minutes). An unknown email gets a new passwordless
 * account.
 *
 * @throws {ValidationError} when `redirectUrl` is not on the server's allow-list.
 * @example
 * ```ts
 * await sendMagicLink(janua, { email: 'ada@example.com', redirectUrl: 'https://app.example.com/magic' });
 * ```
 */
export async function sendMagicLink(
  janua: Janua,
  params: SendMagicLinkParams,
  options: RequestOptions = {},
): Promise<void> {
  await request(janua, {
    ...options,
    method: 'POST',
    path: '/auth/magic-link',
    auth: 'none',
    body: { email: requireString(params?.email, 'email'), redirect_url: params.redirectUrl },
  });
}
