export { type CreateChallengeParams, createChallenge } from './create-challenge';
export { type DisableMfaParams, disableMfa } from './disable-mfa';
export { type GenerateBackupCodesParams, generateBackupCodes } from './generate-backup-codes';
export { getMfaStatus } from './get-mfa-status';
export { type GetRecoveryOptionsParams, getRecoveryOptions } from './get-recovery-options';
export { type InitiateRecoveryParams, initiateRecovery } from './initiate-recovery';
export { type SetupSmsParams, setupSms } from './setup-sms';
export { type SetupTotpParams, setupTotp } from './setup-totp';
export { type TrustDeviceParams, trustDevice } from './trust-device';
export type {
  AuthUser,
  BackupCodes,
  CodeValidation,
  MfaChallenge,
  MfaMethod,
  MfaStatus,
  RecoveryOptions,
  SessionSummary,
  SignedIn,
  SmsSetup,
  TotpSetup,
  TrustedDevice,
} from './types';
export { type ValidateCodeParams, validateCode } from './validate-code';
export { type VerifyChallengeParams, verifyChallenge } from './verify-challenge';
export { type VerifySmsParams, verifySms } from './verify-sms';
export { type VerifyTotpParams, verifyTotp } from './verify-totp';
