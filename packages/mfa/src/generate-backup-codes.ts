import { type Janua, parseDate, type RequestOptions, request } from '@janua/core';
import { requireString } from './internal/validate';
import type { BackupCodes } from './types';
import type { WireBackupCodes } from './wire';

/** Input of {@link generateBackupCodes}. */
export interface GenerateBackupCodesParams {
  password: string;
}

/**
 * Replaces the backup codes with 10 new ones (the server always makes 10).
 *
 * The password travels in the query string because the API reads it there (contract §1.3); the
 * SDK's debug log redacts it.
 *
 * @throws {ValidationError} `MFA is not enabled` / `Invalid password` (400).
 * @example
 * ```ts
 * const { backupCodes } = await generateBackupCodes(janua, { password });
 * ```
 */
export async function generateBackupCodes(
  janua: Janua,
  params: GenerateBackupCodesParams,
  options: RequestOptions = {},
): Promise<BackupCodes> {
  return request(janua, {
    ...options,
    method: 'POST',
    path: '/mfa/regenerate-backup-codes',
    query: { password: requireString(params?.password, 'password') },
    map: (w: WireBackupCodes) => ({ backupCodes: w.backup_codes, generatedAt: parseDate(w.generated_at) }),
  });
}
