import { checkWire, type Janua, type RequestOptions, request } from '@janua/core';
import { checkProvider } from './internal/provider';
import type { OAuthProvider } from './oauth-provider';
import type { WireOAuthStart } from './wire';

/** Input of {@link getOAuthUrl}. */
export interface GetOAuthUrlParams {
  provider: OAuthProvider;
  /**
   * Where the provider sends the user back: an allow-listed app page that calls
   * `handleOAuthCallback` (the dev server honours it). Omit it to use the API's own callback,
   * the only value upstream's code exchange accepts with real providers (contract §4.2).
   */
  redirectUri?: string;
  /** Where your app wants to land after sign-in (validated against the server's allow-list). */
  redirectTo?: string;
  /** Extra provider scopes, added to the defaults. */
  scopes?: string[];
}

/** A started OAuth flow. */
export interface OAuthStart {
  /** Send the user here. */
  url: string;
  /** Single-use, 10 minutes. Keep it (e.g. in sessionStorage) and pass it as `expectedState` to `handleOAuthCallback`. */
  state: string;
  provider: OAuthProvider;
}

/**
 * Starts a social sign-in: returns the provider URL to navigate to and the `state` to check on
 * return. The server runs the PKCE exchange with the provider; the code never reaches this app's
 * JavaScript as a credential by itself.
 *
 * @throws {ValidationError} for an unknown provider (locally) or a redirect off the allow-list.
 * @example
 * ```ts
 * const { url, state } = await getOAuthUrl(janua, { provider: 'github', redirectUri: `${location.origin}/callback` });
 * sessionStorage.setItem('oauth_state', state);
 * location.assign(url);
 * ```
 */
export async function getOAuthUrl(
  janua: Janua,
  params: GetOAuthUrlParams,
  options: RequestOptions = {},
): Promise<OAuthStart> {
  const provider = checkProvider(params?.provider);
  return request(janua, {
    ...options,
    method: 'POST',
    path: `/auth/oauth/authorize/${provider}`,
    auth: 'none',
    query: { redirect_uri: params.redirectUri, redirect_to: params.redirectTo, scopes: params.scopes?.join(',') },
    map: (wire: WireOAuthStart) => ({
      url: checkWire(wire.authorization_url, 'string'),
      state: checkWire(wire.state, 'string'),
      provider,
    }),
  });
}
