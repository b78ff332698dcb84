import { type Janua, type RequestOptions, request, ValidationError } from '@janua/core';
import { toSmsSetup } from './internal/map';
import { requireString } from './internal/validate';
import type { SmsSetup } from './types';

/** Input of {@link setupSms}. */
export interface SetupSmsParams {
  /** E.164 with the leading `+`, e.g. `+447700900123` (spaces, dashes and brackets are ignored). */
  phoneNumber: string;
}

/**
 * Starts SMS setup: the server texts a 6-digit code (valid 10 minutes) to the number; confirm it
 * with {@link verifySms}. Designed-here API (contract §4.6): real Janua servers answer 404.
 *
 * @throws {ValidationError} locally for a number that is not E.164; `Invalid phone number` (400).
 * @throws {NotFoundError} against servers without SMS MFA.
 * @example
 * ```ts
 * await setupSms(janua, { phoneNumber: '+447700900123' });
 * ```
 */
export async function setupSms(janua: Janua, params: SetupSmsParams, options: RequestOptions = {}): Promise<SmsSetup> {
  const phone = requireString(params?.phoneNumber, 'phoneNumber').replace(/[\s()-]/g, '');
  if (!/^\+[1-9]\d{6,14}$/.test(phone)) {
    throw new ValidationError({
      code: 'VALIDATION_ERROR',
      message: 'phoneNumber must be in E.164 form, e.g. +447700900123',
      fieldErrors: [{ field: 'phoneNumber', message: 'phoneNumber must be in E.164 form', type: 'value_error' }],
    });
  }
  return request(janua, {
    ...options,
    method: 'POST',
    path: '/mfa/sms/setup',
    body: { phone_number: phone },
    map: toSmsSetup,
  });
}
