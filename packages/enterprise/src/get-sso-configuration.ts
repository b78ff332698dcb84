import { assertUuid, type Janua, type RequestOptions, request } from '@janua/core';
import { toSsoConfiguration } from './internal/sso';
import type { SsoConfiguration } from './types';

/**
 * The organization's SSO configuration (its members and platform admins).
 *
 * @throws {ValidationError} when `organizationId` is not a UUID (no request is made).
 * @throws {NotFoundError} `SSO configuration not found`.
 * @throws {AuthorizationError} `User does not belong to this organization`.
 * @example
 * ```ts
 * const { enabled, samlAcsUrl } = await getSsoConfiguration(janua, { organizationId });
 * ```
 */
export async function getSsoConfiguration(
  janua: Janua,
  params: { organizationId: string },
  options: RequestOptions = {},
): Promise<SsoConfiguration> {
  const orgId = assertUuid(params?.organizationId, 'organizationId');
  return request(janua, {
    ...options,
    method: 'GET',
    path: `/sso/configurations/${orgId}`,
    map: toSsoConfiguration,
  });
}
