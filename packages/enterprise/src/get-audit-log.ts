import { assertUuid, type Janua, type RequestOptions, request } from '@janua/core';
import { toAuditLog } from './internal/map';
import type { AuditLog } from './types';

/**
 * One audit-log entry by id.
 *
 * @throws {ValidationError} when `auditLogId` is not a UUID (no request is made).
 * @throws {AuthorizationError} `Access denied`; `NotFoundError` `Audit log entry not found`.
 * @example
 * ```ts
 * const entry = await getAuditLog(janua, { auditLogId });
 * ```
 */
export async function getAuditLog(
  janua: Janua,
  params: { auditLogId: string },
  options: RequestOptions = {},
): Promise<AuditLog> {
  const id = assertUuid(params?.auditLogId, 'auditLogId');
  return request(janua, { ...options, method: 'GET', path: `/audit-logs/${id}`, map: toAuditLog });
}
