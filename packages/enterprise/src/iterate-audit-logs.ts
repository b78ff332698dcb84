import { type Janua, paginate, type RequestOptions } from '@janua/core';
import { type ListAuditLogsParams, listAuditLogs } from './list-audit-logs';
import type { AuditLog } from './types';

/**
 * Every audit-log entry matching the filters, newest first, following the server's cursor
 * (default 100 per page). Entries written while iterating are not repeated nor do they shift
 * older ones: the cursor is the timestamp of the last entry read (§1.7), not an offset.
 *
 * @example
 * ```ts
 * for await (const entry of iterateAuditLogs(janua, { resourceType: 'api_key' })) console.log(entry.action);
 * ```
 */
export function iterateAuditLogs(
  janua: Janua,
  params: Omit<ListAuditLogsParams, 'cursor' | 'offset'> = {},
  options: RequestOptions = {},
): AsyncGenerator<AuditLog, void, undefined> {
  return paginate((p: ListAuditLogsParams) => listAuditLogs(janua, p, options), { limit: 100, ...params });
}
