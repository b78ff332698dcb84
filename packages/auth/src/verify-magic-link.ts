import { type Janua, type RequestOptions, request } from '@janua/core';
import { completeSignIn, readSignIn } from './internal/map';
import { requireString } from './internal/validate';
import type { SignInResult } from './types';

/**
 * Signs in with the token from a magic link (single use) and stores the tokens.
 *
 * @throws {ValidationError} `Invalid or expired magic link`.
 * @example
 * ```ts
 * const result = await verifyMagicLink(janua, { token: new URL(location.href).searchParams.get('token')! });
 * ```
 */
export async function verifyMagicLink(
  janua: Janua,
  params: { token: string },
  options: RequestOptions = {},
): Promise<SignInResult> {
  const read = await request(janua, {
    ...options,
    method: 'POST',
    path: '/auth/magic-link/verify',
    auth: 'none',
    body: { token: requireString(params?.token, 'token') },
    map: readSignIn,
  });
  return completeSignIn(janua, read);
}
