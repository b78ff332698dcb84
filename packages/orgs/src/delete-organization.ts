import { type Janua, type RequestOptions, request, segment } from '@janua/core';
import { requireId } from './internal/validate';

/** Input of {@link deleteOrganization}. */
export interface DeleteOrganizationParams {
  organizationId: string;
}

/**
 * Deletes an organization with its memberships, invitations and roles. Owners only.
 *
 * @throws {ValidationError} for a non-UUID id (no request is made).
 * @throws {AuthorizationError} `Only organization owner can delete the organization` (403).
 * @throws {NotFoundError} `Organization not found`.
 * @example
 * ```ts
 * await deleteOrganization(janua, { organizationId });
 * ```
 */
export async function deleteOrganization(
  janua: Janua,
  params: DeleteOrganizationParams,
  options: RequestOptions = {},
): Promise<void> {
  const id = requireId(params?.organizationId, 'organizationId');
  await request(janua, { ...options, method: 'DELETE', path: `/organizations/${segment(id)}` });
}
