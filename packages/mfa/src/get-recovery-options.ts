import { type Janua, type RequestOptions, request } from '@janua/core';
import { requireEmail } from './internal/validate';
import type { RecoveryOptions } from './types';
import type { WireRecoveryOptions } from './wire';

/** Input of {@link getRecoveryOptions}. */
export interface GetRecoveryOptionsParams {
  email: string;
}

/**
 * What a user who lost their authenticator can do (no sign-in needed).
 *
 * @throws {ValidationError} locally for a malformed email.
 * @example
 * ```ts
 * const { recoveryAvailable, methods } = await getRecoveryOptions(janua, { email });
 * if (methods?.emailRecovery) await initiateRecovery(janua, { email });
 * ```
 */
export async function getRecoveryOptions(
  janua: Janua,
  params: GetRecoveryOptionsParams,
  options: RequestOptions = {},
): Promise<RecoveryOptions> {
  return request(janua, {
    ...options,
    method: 'GET',
    path: '/mfa/recovery-options',
    auth: 'none',
    query: { email: requireEmail(params?.email, 'email') },
    map: (w: WireRecoveryOptions) => {
      if (!w.recovery_available) return { recoveryAvailable: false, methods: null };
      return {
        recoveryAvailable: true,
        methods: { backupCodes: w.methods.backup_codes, emailRecovery: w.methods.email_recovery },
      };
    },
  });
}
