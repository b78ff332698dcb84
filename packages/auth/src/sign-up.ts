import { type Janua, type RequestOptions, request } from '@janua/core';
import { completeSignIn, readSignIn } from './internal/map';
import { requireString } from './internal/validate';
import type { SignInResult } from './types';

/** Input of {@link signUp}. */
export interface SignUpParams {
  email: string;
  /** At least 12 characters with upper, lower, digit and symbol (server policy). */
  password: string;
  firstName?: string;
  lastName?: string;
  username?: string;
  /** BCP-47 tag, e.g. `en-GB`. */
  locale?: string;
  /** Stored as the user's `userMetadata` right after sign-up (a follow-up `PATCH /users/me`). */
  metadata?: Record<string, unknown>;
}

/**
 * Creates an account and signs it in; the tokens are stored on `janua`.
 *
 * @returns A `signedIn` result with the user, session and tokens.
 * @throws {ValidationError} `Email already registered`, `Username already taken`, or the password
 *   policy message (`Password must be at least 12 characters long`, ...); 422 field errors.
 * @throws {RateLimitError} when sign-ups from this IP are rate limited.
 * @example
 * ```ts
 * const { user } = await signUp(janua, { email: 'ada@example.com', password: 'Correct-Horse-9!' });
 * ```
 */
export async function signUp(janua: Janua, params: SignUpParams, options: RequestOptions = {}): Promise<SignInResult> {
  const read = await request(janua, {
    ...options,
    method: 'POST',
    path: '/auth/signup',
    auth: 'none',
    body: {
      email: requireString(params?.email, 'email'),
      password: requireString(params.password, 'password'),
      first_name: params.firstName,
      last_name: params.lastName,
      username: params.username,
      locale: params.locale,
    },
    map: readSignIn,
  });
  const result = await completeSignIn(janua, read);
  if (params.metadata !== undefined && result.status === 'signedIn') {
    // The server ignores `metadata` on sign-up (contract §4.1): set it with the new token.
    await request(janua, { ...options, method: 'PATCH', path: '/users/me', body: { user_metadata: params.metadata } });
  }
  return result;
}
