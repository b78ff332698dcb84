// Wire shapes (snake_case, exactly contract §4.0/§4.1). Not exported from the package root.
import type { WireTokenResponse } from '@janua/core';

export interface WireAuthUser {
  id: string;
  email: string;
  email_verified: boolean;
  username: string | null;
  first_name: string | null;
  last_name: string | null;
  profile_image_url: string | null;
  is_admin: boolean;
  created_at: string;
  updated_at: string;
  last_sign_in_at: string | null;
}

export interface WireSessionSummary {
  id: string;
  expires_at: string;
}

export interface WireSignInResponse {
  user: WireAuthUser;
  tokens: WireTokenResponse | null;
  mfa_required: boolean;
  mfa_token: string | null;
  session?: WireSessionSummary;
}

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
