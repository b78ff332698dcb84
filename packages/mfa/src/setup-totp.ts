import { checkWire, type Janua, type RequestOptions, request } from '@janua/core';
import { requireString } from './internal/validate';
import type { TotpSetup } from './types';
import type { WireMfaSetup } from './wire';

/** Input of {@link setupTotp}. */
export interface SetupTotpParams {
  /** The account password: the server re-authenticates before handing out a secret. */
  password: string;
}

/**
 * Starts TOTP setup: returns a new secret, its QR code and 10 backup codes. MFA is not on until
 * {@link verifyTotp} confirms a code from the authenticator; calling this again before that
 * replaces the secret and codes.
 *
 * @throws {ValidationError} `Invalid password` / `MFA is already enabled` (400).
 * @example
 * ```ts
 * const setup = await setupTotp(janua, { password });
 * img.src = setup.qrCode;
 * showOnce(setup.backupCodes);
 * ```
 */
export async function setupTotp(
  janua: Janua,
  params: SetupTotpParams,
  options: RequestOptions = {},
): Promise<TotpSetup> {
  return request(janua, {
    ...options,
    method: 'POST',
    path: '/mfa/enable',
    body: { password: requireString(params?.password, 'password') },
    map: (w: WireMfaSetup) => ({
      secret: checkWire(w.secret, 'string'),
      qrCode: checkWire(w.qr_code, 'string'),
      provisioningUri: checkWire(w.provisioning_uri, 'string'),
      backupCodes: checkWire(w.backup_codes, 'array'),
    }),
  });
}
