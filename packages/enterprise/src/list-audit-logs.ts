import { type Janua, type Page, type RequestOptions, request, ValidationError } from '@janua/core';
import { toAuditLog, toWireDate } from './internal/map';
import { requireDate, requireInt } from './internal/validate';
import type { AuditLog } from './types';
import type { WireAuditLogList } from './wire';

/** Filters and cursor of {@link listAuditLogs}. */
export interface ListAuditLogsParams {
  /** Entries about this user id. */
  actor?: string;
  action?: string;
  /** Resource id. */
  resource?: string;
  resourceType?: string;
  startDate?: Date;
  endDate?: Date;
  ipAddress?: string;
  /** 1–1000, default 100. */
  limit?: number;
  /** `nextCursor` of the previous page, passed back verbatim. */
  cursor?: string;
  /** Not supported: audit logs page by cursor only. */
  offset?: never;
}

/**
 * One page of audit-log entries, newest first. Users see their own entries, platform admins all,
 * an API key (scope `audit_logs:read`) its organization's. Follow `nextCursor` for older entries.
 *
 * @throws {ValidationError} for a bad limit or date, or an `offset` (no request is made).
 * @example
 * ```ts
 * const page = await listAuditLogs(janua, { action: 'api_key.created', limit: 50 });
 * const older = page.nextCursor ? await listAuditLogs(janua, { cursor: page.nextCursor }) : null;
 * ```
 */
export async function listAuditLogs(
  janua: Janua,
  params?: ListAuditLogsParams,
  options: RequestOptions = {},
): Promise<Page<AuditLog>> {
  // A default covers only `undefined`; untyped callers also pass `null`.
  params ??= {};
  if ((params as { offset?: unknown }).offset !== undefined && (params as { offset?: unknown }).offset !== 0) {
    throw new ValidationError({ code: 'VALIDATION_ERROR', message: 'audit logs page by cursor, not offset' });
  }
  return request(janua, {
    ...options,
    method: 'GET',
    path: '/audit-logs',
    query: {
      actor: params.actor,
      action: params.action,
      resource: params.resource,
      resource_type: params.resourceType,
      start_date: toWireDate(requireDate(params.startDate, 'startDate')),
      end_date: toWireDate(requireDate(params.endDate, 'endDate')),
      ip_address: params.ipAddress,
      limit: requireInt(params.limit, 'limit', 1, 1000),
      cursor: params.cursor,
    },
    map: (wire: WireAuditLogList) => {
      const page: Page<AuditLog> = { data: wire.logs.map(toAuditLog), total: wire.total, hasMore: wire.has_more };
      if (wire.cursor) page.nextCursor = wire.cursor;
      return page;
    },
  });
}
