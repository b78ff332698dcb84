import { type Janua, type RequestOptions, request } from '@janua/core';
import { normaliseCode, requireString } from './internal/validate';

/** Input of {@link disableMfa}. */
export interface DisableMfaParams {
  password: string;
  /** A current TOTP code (6 digits), checked when given. Backup codes are not accepted here. */
  code?: string;
}

/**
 * Switches MFA off and deletes the secret, the backup codes and the SMS factor.
 *
 * @throws {ValidationError} `MFA is not enabled` / `Invalid password` / `Invalid verification code` (400).
 * @example
 * ```ts
 * await disableMfa(janua, { password, code: '123456' });
 * ```
 */
export async function disableMfa(janua: Janua, params: DisableMfaParams, options: RequestOptions = {}): Promise<void> {
  await request(janua, {
    ...options,
    method: 'POST',
    path: '/mfa/disable',
    body: {
      password: requireString(params?.password, 'password'),
      code: params.code === undefined ? undefined : normaliseCode(params.code, 'code', false),
    },
  });
}
