// Wire shapes (snake_case, exactly contract §4.0/§4.1). Not exported from the package root.
export type { WireAuthUser, WireSignInResponse } from '@janua/core';

export interface WireMessage {
  message: string;
}

export interface WireOAuthStart {
  authorization_url: string;
  state: string;
  provider: string;
  action?: 'link';
}

export interface WireOAuthUser {
  id: string;
  email: string;
  first_name: string | null;
  last_name: string | null;
  profile_image_url: string | null;
}

export type WireOAuthCallback =
  | {
      access_token: string;
      refresh_token: string;
      token_type: 'bearer';
      expires_in: number;
      user: WireOAuthUser;
      is_new_user: boolean;
    }
  | { status: 'success'; redirect_url: string; user: WireOAuthUser; is_new_user: boolean };

export interface WireOAuthAccounts {
  oauth_accounts: {
    provider: string;
    name: string;
    linked: boolean;
    enabled: boolean;
    provider_email?: string;
    linked_at?: string;
    last_updated?: string;
  }[];
  auth_methods: { password: boolean; mfa_enabled: boolean; passkeys_count: number };
  total_linked: number;
}

/** One public key of `GET /.well-known/jwks.json` (contract §3.4). */
export interface WireJwk {
  kty: string;
  kid?: string;
  alg?: string;
  use?: string;
  n?: string;
  e?: string;
  [key: string]: unknown;
}

/** `GET /.well-known/jwks.json`; `keys` is empty when the server signs with HS256. */
export interface WireJwks {
  keys: WireJwk[];
}

/** The claims a Janua access token carries (contract §3.1; `sid` is the dev server's). */
export interface WireAccessClaims {
  sub: string;
  type: string;
  iat: number;
  exp: number;
  iss?: string;
  aud?: string | string[];
  jti?: string;
  sid?: string;
  tid?: string;
  org?: string;
  email?: string;
  [claim: string]: unknown;
}

/** `GET /auth/session` (contract §3.4); `expires_at` is integer unix seconds (§1.8). */
export interface WireAuthSession {
  authenticated: boolean;
  user: {
    id: string;
    email: string;
    username: string | null;
    first_name: string | null;
    last_name: string | null;
    email_verified: boolean;
    roles: string[];
    permissions: string[];
    is_admin: boolean;
  };
  session: { expires_at: number };
}
