import { type Janua, type RequestOptions, request, segment } from '@janua/core';
import { toOrganizationDetail } from './internal/map';
import { requireId } from './internal/validate';
import type { OrganizationDetail } from './types';

/** Input of {@link getOrganization}. */
export interface GetOrganizationParams {
  organizationId: string;
}

/**
 * Reads an organization the caller belongs to, with its owner.
 *
 * @throws {ValidationError} when `organizationId` is not a UUID (no request is made).
 * @throws {AuthorizationError} `Not a member of this organization` (403).
 * @throws {NotFoundError} `Organization not found` (404).
 * @example
 * ```ts
 * const org = await getOrganization(janua, { organizationId });
 * console.log(org.name, org.owner.email);
 * ```
 */
export async function getOrganization(
  janua: Janua,
  params: GetOrganizationParams,
  options: RequestOptions = {},
): Promise<OrganizationDetail> {
  const id = requireId(params?.organizationId, 'organizationId');
  return request(janua, {
    ...options,
    method: 'GET',
    path: `/organizations/${segment(id)}`,
    map: toOrganizationDetail,
  });
}
