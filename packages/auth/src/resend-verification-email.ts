import { type Janua, type RequestOptions, request } from '@janua/core';

/**
 * Mails the signed-in user a new email-verification link (valid 48 hours).
 *
 * @throws {ValidationError} `Email already verified`.
 * @example
 * ```ts
 * await resendVerificationEmail(janua);
 * ```
 */
export async function resendVerificationEmail(janua: Janua, options: RequestOptions = {}): Promise<void> {
  await request(janua, { ...options, method: 'POST', path: '/auth/email/resend-verification' });
}
