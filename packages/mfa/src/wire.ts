// Wire shapes (snake_case, exactly contract §4.0/§4.4/§4.6). Not exported from the package root.

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

export type { WireAuthUser, WireSignInResponse } from '@janua/core';
