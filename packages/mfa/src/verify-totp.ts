import { type Janua, type RequestOptions, request } from '@janua/core';
import { normaliseCode } from './internal/validate';

/** Input of {@link verifyTotp}. */
export interface VerifyTotpParams {
  /** The 6-digit code the authenticator shows (spaces are ignored). */
  code: string;
}

/**
 * Confirms TOTP setup with a code from the authenticator and switches MFA on: from now on
 * sign-in returns `mfaRequired`.
 *
 * @throws {ValidationError} locally for a code that is not 6 digits; from the server `Invalid
 *   verification code` / `MFA setup not initiated` (400).
 * @example
 * ```ts
 * await verifyTotp(janua, { code: '123456' });
 * ```
 */
export async function verifyTotp(janua: Janua, params: VerifyTotpParams, options: RequestOptions = {}): Promise<void> {
  await request(janua, {
    ...options,
    method: 'POST',
    path: '/mfa/verify',
    body: { code: normaliseCode(params?.code, 'code', false) },
  });
}
