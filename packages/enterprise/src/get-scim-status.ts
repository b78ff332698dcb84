import { assertUuid, type Janua, type RequestOptions, request } from '@janua/core';
import { toScimStatus } from './internal/map';
import type { ScimStatus } from './types';

/**
 * Provisioning counters and the latest SCIM operations of an organization.
 *
 * @throws {ValidationError} when `organizationId` is not a UUID (no request is made).
 * @throws {NotFoundError} `SCIM configuration not found`.
 * @example
 * ```ts
 * const { totalUsers, lastSyncAt } = await getScimStatus(janua, { organizationId });
 * ```
 */
export async function getScimStatus(
  janua: Janua,
  params: { organizationId: string },
  options: RequestOptions = {},
): Promise<ScimStatus> {
  const orgId = assertUuid(params?.organizationId, 'organizationId');
  return request(janua, {
    ...options,
    method: 'GET',
    path: `/organizations/${orgId}/scim/status`,
    map: toScimStatus,
  });
}
