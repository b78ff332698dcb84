import { type Janua, type RequestOptions, request, ValidationError } from '@janua/core';
import { completeSignIn, readSignIn } from './internal/map';
import { requireString } from './internal/validate';
import type { SignInResult } from './types';

/** Input of {@link signIn}: an email or a username, and the password. */
export type SignInParams = ({ email: string; username?: never } | { username: string; email?: never }) & {
  password: string;
};

/**
 * Signs in with a password. On success the tokens are stored on `janua`; when the account has
 * MFA on, the result is `mfaRequired` with a `challengeId` for `verifyChallenge` (@janua/mfa).
 *
 * @throws {AuthenticationError} `Invalid credentials` (401), or `code: 'ACCOUNT_LOCKED'` after 5
 *   failures (423).
 * @throws {AuthorizationError} when the account is suspended.
 * @throws {RateLimitError} when sign-ins from this IP are rate limited.
 * @example
 * ```ts
 * const result = await signIn(janua, { email: 'ada@example.com', password: 'Correct-Horse-9!' });
 * if (result.status === 'mfaRequired') await verifyChallenge(janua, { challengeId: result.challengeId, code });
 * ```
 */
export async function signIn(janua: Janua, params: SignInParams, options: RequestOptions = {}): Promise<SignInResult> {
  if (!params || (!params.email && !params.username)) {
    throw new ValidationError({ code: 'VALIDATION_ERROR', message: 'email or username is required' });
  }
  const read = await request(janua, {
    ...options,
    method: 'POST',
    path: '/auth/signin',
    auth: 'none',
    body: {
      email: params.email,
      username: params.username,
      password: requireString(params.password, 'password'),
    },
    map: readSignIn,
  });
  return completeSignIn(janua, read);
}
