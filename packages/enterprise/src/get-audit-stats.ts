import { type Janua, type RequestOptions, request } from '@janua/core';
import { toAuditStats, toWireDate } from './internal/map';
import { requireDate } from './internal/validate';
import type { AuditStats } from './types';

/**
 * Audit aggregates for a period (default: the last 30 days). Platform admins only.
 *
 * @throws {AuthorizationError} `Admin access required`.
 * @example
 * ```ts
 * const { totalEvents, eventsByAction } = await getAuditStats(janua, { startDate: new Date(Date.now() - 864e5) });
 * ```
 */
export async function getAuditStats(
  janua: Janua,
  params?: { startDate?: Date; endDate?: Date },
  options: RequestOptions = {},
): Promise<AuditStats> {
  // A default covers only `undefined`; untyped callers also pass `null`.
  params ??= {};
  return request(janua, {
    ...options,
    method: 'GET',
    path: '/audit-logs/stats',
    query: {
      start_date: toWireDate(requireDate(params.startDate, 'startDate')),
      end_date: toWireDate(requireDate(params.endDate, 'endDate')),
    },
    map: toAuditStats,
  });
}
