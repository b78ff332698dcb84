/** Where the signed-in user's MFA stands. */
export interface MfaStatus {
  /** True once a method (TOTP or SMS) is verified: sign-in then asks for a code. */
  enabled: boolean;
  /** True once the TOTP authenticator has been confirmed with `verifyTotp`. */
  verified: boolean;
  backupCodesRemaining: number;
  lastUsedAt: Date | null;
}

/** What `setupTotp` returns: show the QR code, then confirm with `verifyTotp`. */
export interface TotpSetup {
  /** Base32 secret (32 characters) for manual entry. */
  secret: string;
  /** `data:image/png;base64,…` QR code of `provisioningUri`, ready for an `<img src>`. */
  qrCode: string;
  /** `otpauth://totp/Janua:<email>?secret=…&issuer=Janua` (the spec's `qr_code_url`). */
  provisioningUri: string;
  /** 10 single-use codes `XXXX-XXXX`; shown once, store them safely. */
  backupCodes: string[];
}

/** A fresh set of backup codes (the old ones stop working). */
export interface BackupCodes {
  backupCodes: string[];
  generatedAt: Date;
}

/** Result of `validateCode`. */
export interface CodeValidation {
  valid: boolean;
  /** `Code is valid`, `Backup code is valid (now consumed)` or `Invalid code`. */
  message: string;
}

/** The SMS factor: the phone number and whether it has been confirmed. */
export interface SmsSetup {
  /** E.164, e.g. `+447700900123`. */
  phoneNumber: string;
  verified: boolean;
}

/** A method a challenge can be answered with. */
export type MfaMethod = 'totp' | 'sms';

/** An open MFA challenge: answer it with `verifyChallenge`. */
export interface MfaChallenge {
  /** The challenge token (`mfa_token`). */
  id: string;
  method: MfaMethod;
  /** Five minutes after it was created. */
  expiresAt: Date;
}

export type { AuthUser, SessionSummary, SignedIn } from '@janua/core';

/** A device whose MFA the user chose to trust. */
export interface TrustedDevice {
  id: string;
  deviceName: string;
  /** First 8 characters and `****`. */
  deviceFingerprint: string;
  lastIpAddress: string | null;
  lastLocation: string | null;
  lastUsedAt: Date;
  trustExpiresAt: Date | null;
  createdAt: Date;
  isCurrentDevice: boolean;
}

/** What a user locked out of their second factor can do. */
export interface RecoveryOptions {
  recoveryAvailable: boolean;
  /** Null when recovery is not available. */
  methods: { backupCodes: boolean; emailRecovery: boolean } | null;
}
