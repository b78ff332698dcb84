import { assertUuid, type Janua, type RequestOptions, request } from '@janua/core';

/**
 * Removes an organization's SSO configuration (platform admins). Users it created stay.
 *
 * @throws {ValidationError} when `organizationId` is not a UUID (no request is made).
 * @throws {NotFoundError} `SSO configuration not found`.
 * @example
 * ```ts
 * await deleteSsoConfiguration(janua, { organizationId });
 * ```
 */
export async function deleteSsoConfiguration(
  janua: Janua,
  params: { organizationId: string },
  options: RequestOptions = {},
): Promise<void> {
  const orgId = assertUuid(params?.organizationId, 'organizationId');
  await request<unknown>(janua, { ...options, method: 'DELETE', path: `/sso/configurations/${orgId}` });
}
