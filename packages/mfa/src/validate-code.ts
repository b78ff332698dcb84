import { checkWire, type Janua, type RequestOptions, request } from '@janua/core';
import { normaliseCode } from './internal/validate';
import type { CodeValidation } from './types';
import type { WireCodeValidation } from './wire';

/** Input of {@link validateCode}. */
export interface ValidateCodeParams {
  /** A TOTP code, or a backup code with or without its dash (a backup code is consumed). */
  code: string;
}

/**
 * Checks a code for the signed-in user, e.g. before a sensitive action. A wrong code is
 * `{ valid: false }`, not an error. Each TOTP code and each backup code is accepted once.
 *
 * @throws {ValidationError} locally for a malformed code; `MFA is not enabled` (400).
 * @example
 * ```ts
 * const { valid } = await validateCode(janua, { code: 'ABCD-EF12' });
 * ```
 */
export async function validateCode(
  janua: Janua,
  params: ValidateCodeParams,
  options: RequestOptions = {},
): Promise<CodeValidation> {
  return request(janua, {
    ...options,
    method: 'POST',
    path: '/mfa/validate-code',
    query: { code: normaliseCode(params?.code, 'code', true) },
    map: (w: WireCodeValidation) => ({ valid: checkWire(w.valid, 'boolean'), message: checkWire(w.message, 'string') }),
  });
}
