import { type Janua, type RequestOptions, request } from '@janua/core';
import type { OAuthProvider } from './oauth-provider';

/** A provider configured on the server. */
export interface OAuthProviderInfo {
  provider: OAuthProvider;
  name: string;
  enabled: boolean;
}

/**
 * The social providers configured on the server (no sign-in needed).
 *
 * @example
 * ```ts
 * for (const p of await listOAuthProviders(janua)) renderButton(p.provider, p.name);
 * ```
 */
export async function listOAuthProviders(janua: Janua, options: RequestOptions = {}): Promise<OAuthProviderInfo[]> {
  return request(janua, {
    ...options,
    method: 'GET',
    path: '/auth/oauth/providers',
    auth: 'none',
    map: (wire: { providers: OAuthProviderInfo[] }) =>
      wire.providers.map((p) => ({ provider: p.provider, name: p.name, enabled: p.enabled })),
  });
}
