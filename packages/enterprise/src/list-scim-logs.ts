import { assertUuid, type Janua, type RequestOptions, request } from '@janua/core';
import { toScimLog } from './internal/map';
import type { ScimLog } from './types';
import type { WireScimLog } from './wire';

/**
 * Every SCIM call the organization's IdP made, newest first. The server returns a plain array
 * (no paging), so this is not a `Page`.
 *
 * @throws {ValidationError} when `organizationId` is not a UUID (no request is made).
 * @throws {NotFoundError} `SCIM configuration not found`.
 * @example
 * ```ts
 * const failures = (await listScimLogs(janua, { organizationId })).filter((l) => l.status === 'error');
 * ```
 */
export async function listScimLogs(
  janua: Janua,
  params: { organizationId: string },
  options: RequestOptions = {},
): Promise<ScimLog[]> {
  const orgId = assertUuid(params?.organizationId, 'organizationId');
  return request(janua, {
    ...options,
    method: 'GET',
    path: `/organizations/${orgId}/scim/logs`,
    map: (wire: WireScimLog[]) => wire.map(toScimLog),
  });
}
