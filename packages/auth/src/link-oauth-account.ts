import { checkWire, type Janua, type RequestOptions, request } from '@janua/core';
import type { OAuthStart } from './get-oauth-url';
import { checkProvider } from './internal/provider';
import type { OAuthProvider } from './oauth-provider';
import type { WireOAuthStart } from './wire';

/**
 * Starts linking a social account to the signed-in user (a redirect flow; there is no linking by
 * provider token). Navigate to `url`; the server finishes the link and redirects to `redirectUri`
 * with `?linked=<provider>`.
 *
 * @throws {ValidationError} `<provider> account is already linked`.
 * @example
 * ```ts
 * const { url } = await linkOAuthAccount(janua, { provider: 'google', redirectUri: `${location.origin}/settings` });
 * location.assign(url);
 * ```
 */
export async function linkOAuthAccount(
  janua: Janua,
  params: { provider: OAuthProvider; redirectUri?: string },
  options: RequestOptions = {},
): Promise<OAuthStart> {
  const provider = checkProvider(params?.provider);
  return request(janua, {
    ...options,
    method: 'POST',
    path: `/auth/oauth/link/${provider}`,
    query: { redirect_uri: params.redirectUri },
    map: (wire: WireOAuthStart) => ({
      url: checkWire(wire.authorization_url, 'string'),
      state: checkWire(wire.state, 'string'),
      provider,
    }),
  });
}
