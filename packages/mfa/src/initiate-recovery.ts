import { type Janua, type RequestOptions, request } from '@janua/core';
import { requireEmail } from './internal/validate';

/** Input of {@link initiateRecovery}. */
export interface InitiateRecoveryParams {
  email: string;
}

/**
 * Mails MFA recovery instructions to the address if it has MFA on. The answer is the same
 * whether or not it does, so it reveals nothing. Against the dev server the mail carries a
 * single-use recovery code (valid 1 hour) that `verifyChallenge` accepts like a backup code.
 *
 * @throws {ValidationError} locally for a malformed email.
 * @example
 * ```ts
 * await initiateRecovery(janua, { email: 'ada@example.com' });
 * ```
 */
export async function initiateRecovery(
  janua: Janua,
  params: InitiateRecoveryParams,
  options: RequestOptions = {},
): Promise<void> {
  await request(janua, {
    ...options,
    method: 'POST',
    path: '/mfa/initiate-recovery',
    auth: 'none',
    query: { email: requireEmail(params?.email, 'email') },
  });
}
