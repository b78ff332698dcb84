import { createPage, type Janua, type Page, type RequestOptions, request, segment } from '@janua/core';
import { toMember } from './internal/map';
import { requireId } from './internal/validate';
import type { OrganizationMember } from './types';
import type { WireOrganizationMember } from './wire';

/** Input of {@link listMembers}. */
export interface ListMembersParams {
  organizationId: string;
  /** Also return memberships that were removed. Default false. */
  includeRemoved?: boolean;
}

/**
 * Every member of an organization (the endpoint is not paged: one page holding all, no total).
 * Needs `org:read` (any role but `guest`).
 *
 * @throws {ValidationError} for a non-UUID id (no request is made).
 * @throws {AuthorizationError} `Not a member of this organization`, or `Permission denied: org:read` (403).
 * @example
 * ```ts
 * const { data } = await listMembers(janua, { organizationId });
 * for (const m of data) console.log(m.userId, m.role);
 * ```
 */
export async function listMembers(
  janua: Janua,
  params: ListMembersParams,
  options: RequestOptions = {},
): Promise<Page<OrganizationMember>> {
  const id = requireId(params?.organizationId, 'organizationId');
  return request(janua, {
    ...options,
    method: 'GET',
    path: `/organizations/${segment(id)}/members`,
    query: params.includeRemoved ? { include_removed: true } : undefined,
    map: (wire: WireOrganizationMember[]) => createPage(wire.map(toMember), {}),
  });
}
