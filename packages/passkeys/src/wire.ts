// Wire shapes (exactly contract §4.0/§4.7). Not exported from the package root. The WebAuthn
// option and credential objects are already JSON on the wire and keep their W3C (camelCase)
// names, so they live in types.ts.
import type { WireTokenResponse } from '@janua/core';
import type { PasskeyAuthenticationOptions, PasskeyRegistrationOptions } from './types';

export interface WirePasskey {
  id: string;
  name: string | null;
  authenticator_attachment: 'platform' | 'cross-platform' | null;
  created_at: string;
  last_used_at: string | null;
  sign_count: number;
}

/** Upstream may send `authenticatorSelection` with snake_case keys (§4.7 normalisation). */
export interface WireRegistrationOptions extends Omit<PasskeyRegistrationOptions, 'authenticatorSelection'> {
  authenticatorSelection?: PasskeyRegistrationOptions['authenticatorSelection'] & {
    authenticator_attachment?: 'platform' | 'cross-platform';
    require_resident_key?: boolean;
    resident_key?: 'discouraged' | 'preferred' | 'required';
    user_verification?: 'discouraged' | 'preferred' | 'required';
  };
}

export interface WireAuthenticationOptions extends PasskeyAuthenticationOptions {
  sessionId: string;
}

export interface WireRegisterVerifyResponse {
  verified: boolean;
  passkey_id: string;
  message: string;
}

export interface WirePasskeySignInResult extends WireTokenResponse {
  verified: true;
  user: { id: string; email: string; first_name: string | null; last_name: string | null };
  /** Sent by the dev server (designed here); absent upstream. */
  session?: { id: string; expires_at: string };
}

export interface WirePasskeyAvailability {
  available: boolean;
  platform_authenticator: boolean;
  roaming_authenticator: boolean;
  conditional_mediation: boolean;
  user_verifying_platform_authenticator: boolean;
}
