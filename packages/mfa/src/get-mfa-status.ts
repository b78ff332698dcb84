import { checkWire, type Janua, parseOptionalDate, type RequestOptions, request } from '@janua/core';
import type { MfaStatus } from './types';
import type { WireMfaStatus } from './wire';

/**
 * The signed-in user's MFA status.
 *
 * @throws {AuthenticationError} when not signed in.
 * @example
 * ```ts
 * const status = await getMfaStatus(janua);
 * if (!status.enabled) console.log('Protect your account with an authenticator app');
 * ```
 */
export async function getMfaStatus(janua: Janua, options: RequestOptions = {}): Promise<MfaStatus> {
  return request(janua, {
    ...options,
    method: 'GET',
    path: '/mfa/status',
    map: (w: WireMfaStatus) => ({
      enabled: checkWire(w.enabled, 'boolean'),
      verified: checkWire(w.verified, 'boolean'),
      backupCodesRemaining: checkWire(w.backup_codes_remaining, 'number'),
      lastUsedAt: parseOptionalDate(w.last_used_at),
    }),
  });
}
