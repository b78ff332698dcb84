import { type Janua, type RequestOptions, request } from '@janua/core';
import { toSmsSetup } from './internal/map';
import { normaliseCode } from './internal/validate';
import type { SmsSetup } from './types';

/** Input of {@link verifySms}. */
export interface VerifySmsParams {
  /** The 6-digit code texted by {@link setupSms}. */
  code: string;
}

/**
 * Confirms the phone number with the texted code; SMS then counts as an MFA method and sign-in
 * returns `mfaRequired`. Designed-here API (contract §4.6).
 *
 * @throws {ValidationError} locally for a code that is not 6 digits; `Invalid verification code`
 *   / `SMS setup not initiated` (400).
 * @example
 * ```ts
 * const { verified } = await verifySms(janua, { code: '123456' });
 * ```
 */
export async function verifySms(
  janua: Janua,
  params: VerifySmsParams,
  options: RequestOptions = {},
): Promise<SmsSetup> {
  return request(janua, {
    ...options,
    method: 'POST',
    path: '/mfa/sms/verify',
    body: { code: normaliseCode(params?.code, 'code', false) },
    map: toSmsSetup,
  });
}
