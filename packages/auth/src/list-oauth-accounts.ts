import { type Janua, parseOptionalDate, type RequestOptions, request } from '@janua/core';
import type { OAuthProvider } from './oauth-provider';
import type { WireOAuthAccounts } from './wire';

/** One provider as seen by the signed-in user. */
export interface OAuthAccount {
  provider: OAuthProvider;
  name: string;
  linked: boolean;
  enabled: boolean;
  providerEmail: string | null;
  linkedAt: Date | null;
}

/** Result of {@link listOAuthAccounts}. */
export interface OAuthAccounts {
  accounts: OAuthAccount[];
  authMethods: { password: boolean; mfaEnabled: boolean; passkeysCount: number };
  totalLinked: number;
}

/**
 * The signed-in user's social accounts and sign-in methods.
 *
 * @example
 * ```ts
 * const { accounts, authMethods } = await listOAuthAccounts(janua);
 * const linked = accounts.filter((a) => a.linked).map((a) => a.provider);
 * ```
 */
export async function listOAuthAccounts(janua: Janua, options: RequestOptions = {}): Promise<OAuthAccounts> {
  return request(janua, { ...options, method: 'GET', path: '/auth/oauth/accounts', map: toOAuthAccounts });
}

function toOAuthAccounts(wire: WireOAuthAccounts): OAuthAccounts {
  return {
    accounts: wire.oauth_accounts.map((a) => ({
      provider: a.provider as OAuthProvider,
      name: a.name,
      linked: a.linked,
      enabled: a.enabled,
      providerEmail: a.provider_email ?? null,
      linkedAt: parseOptionalDate(a.linked_at),
    })),
    authMethods: {
      password: wire.auth_methods.password,
      mfaEnabled: wire.auth_methods.mfa_enabled,
      passkeysCount: wire.auth_methods.passkeys_count,
    },
    totalLinked: wire.total_linked,
  };
}
