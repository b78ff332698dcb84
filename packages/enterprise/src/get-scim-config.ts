import { assertUuid, type Janua, type RequestOptions, request } from '@janua/core';
import { toScimConfig } from './internal/map';
import type { ScimConfig } from './types';

/**
 * The organization's SCIM configuration.
 *
 * @throws {ValidationError} when `organizationId` is not a UUID (no request is made).
 * @throws {NotFoundError} `SCIM configuration not found`.
 * @example
 * ```ts
 * const { enabled, baseUrl, bearerTokenPrefix } = await getScimConfig(janua, { organizationId });
 * ```
 */
export async function getScimConfig(
  janua: Janua,
  params: { organizationId: string },
  options: RequestOptions = {},
): Promise<ScimConfig> {
  const orgId = assertUuid(params?.organizationId, 'organizationId');
  return request(janua, {
    ...options,
    method: 'GET',
    path: `/organizations/${orgId}/scim/config`,
    map: toScimConfig,
  });
}
