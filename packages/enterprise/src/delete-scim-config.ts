import { assertUuid, type Janua, type RequestOptions, request } from '@janua/core';

/**
 * Removes the organization's SCIM configuration; its token stops working at once. Provisioned
 * users stay.
 *
 * @throws {ValidationError} when `organizationId` is not a UUID (no request is made).
 * @throws {NotFoundError} `SCIM configuration not found`.
 * @example
 * ```ts
 * await deleteScimConfig(janua, { organizationId });
 * ```
 */
export async function deleteScimConfig(
  janua: Janua,
  params: { organizationId: string },
  options: RequestOptions = {},
): Promise<void> {
  const orgId = assertUuid(params?.organizationId, 'organizationId');
  await request<void>(janua, { ...options, method: 'DELETE', path: `/organizations/${orgId}/scim/config` });
}
