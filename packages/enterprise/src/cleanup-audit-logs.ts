import { checkWire, type Janua, parseDate, type RequestOptions, request } from '@janua/core';
import { requireInt } from './internal/validate';
import type { AuditCleanupResult } from './types';

/** Input of {@link cleanupAuditLogs}. */
export interface CleanupAuditLogsParams {
  /** Delete entries older than this many days, 30–365. Default 90 (the server's). */
  olderThanDays?: number;
}

/**
 * Deletes audit-log entries older than `olderThanDays` days (`DELETE /audit-logs/cleanup?days=`),
 * a retention policy. Platform admins delete across the platform; an API key (scope
 * `audit_logs:delete`) only its organization's entries. The cleanup itself is recorded as an
 * `admin.action` entry, so the trail shows who shortened it.
 *
 * @param janua - The {@link Janua} instance, signed in as a platform admin (or with a scoped API key).
 * @param params - Optional `olderThanDays` (30–365, default 90).
 * @returns How many entries were deleted and the cutoff used (the server's clock).
 * @throws {ValidationError} for `olderThanDays` outside 30–365 or not an integer (no request is made).
 * @throws {AuthorizationError} `Admin access required` (403).
 * @example
 * ```ts
 * const { deletedCount, cutoffDate } = await cleanupAuditLogs(janua, { olderThanDays: 180 });
 * console.log(`deleted ${deletedCount} entries before ${cutoffDate.toISOString()}`);
 * ```
 */
export async function cleanupAuditLogs(
  janua: Janua,
  params?: CleanupAuditLogsParams,
  options: RequestOptions = {},
): Promise<AuditCleanupResult> {
  // A default covers only `undefined`; untyped callers also pass `null`.
  const days = requireInt(params?.olderThanDays, 'olderThanDays', 30, 365);
  return request(janua, {
    ...options,
    method: 'DELETE',
    path: '/audit-logs/cleanup',
    query: { days },
    map: (w: { message: string; deleted_count: number; cutoff_date: string }) => ({
      message: checkWire(w.message, 'string'),
      deletedCount: checkWire(w.deleted_count, 'number'),
      cutoffDate: parseDate(w.cutoff_date),
    }),
  });
}
