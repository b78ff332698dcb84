// Wire shapes (snake_case, exactly contract §4.0/§4.4/§4.6). Not exported from the package root.
import type { WireTokenResponse } from '@janua/core';

export interface WireMfaStatus {
  enabled: boolean;
  verified: boolean;
  backup_codes_remaining: number;
  last_used_at: string | null;
}

export interface WireMfaSetup {
  secret: string;
  qr_code: string;
  backup_codes: string[];
  provisioning_uri: string;
}

export interface WireBackupCodes {
  backup_codes: string[];
  generated_at: string;
}

export interface WireCodeValidation {
  valid: boolean;
  message: string;
}

export interface WireSmsSetup {
  phone_number: string;
  verified: boolean;
}

export interface WireChallenge {
  id: string;
  method: 'totp' | 'sms';
  expires_at: string;
}

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

export interface WireSignInResponse {
  user: WireAuthUser;
  tokens: WireTokenResponse | null;
  mfa_required: boolean;
  mfa_token: string | null;
  session?: { id: string; expires_at: string };
}

export interface WireTrustedDevice {
  id: string;
  device_name: string;
  device_fingerprint: string;
  last_ip_address: string | null;
  last_location: string | null;
  last_used_at: string;
  trust_expires_at: string | null;
  created_at: string;
  is_current_device: boolean;
}

export type WireRecoveryOptions =
  | { recovery_available: false }
  | { recovery_available: true; methods: { backup_codes: boolean; email_recovery: boolean } };
