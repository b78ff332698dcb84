import { type Janua, type RequestOptions, request } from '@janua/core';
import { checkProvider } from './internal/provider';
import type { OAuthProvider } from './oauth-provider';

/**
 * Unlinks a social account from the signed-in user.
 *
 * @throws {NotFoundError} `<provider> account is not linked`.
 * @throws {ValidationError} when it is the account's only way to sign in.
 * @example
 * ```ts
 * await unlinkOAuthAccount(janua, { provider: 'github' });
 * ```
 */
export async function unlinkOAuthAccount(
  janua: Janua,
  params: { provider: OAuthProvider },
  options: RequestOptions = {},
): Promise<void> {
  const provider = checkProvider(params?.provider);
  await request(janua, { ...options, method: 'DELETE', path: `/auth/oauth/unlink/${provider}` });
}
