import {
  createPage,
  type Janua,
  type Page,
  type PageParams,
  type RequestOptions,
  request,
  toPageQuery,
} from '@janua/core';
import { toRole } from './internal/map';
import { requireId } from './internal/validate';
import type { Role } from './types';
import type { WireRoleList } from './wire';

/** Input of {@link listRoles}. */
export interface ListRolesParams extends PageParams {
  organizationId: string;
  /** Include the read-only system roles (`owner` … `guest`) first. Default true. */
  includeSystem?: boolean;
}

/**
 * One page of an organization's roles. Organization admins only.
 *
 * @throws {ValidationError} for a non-UUID id, or an `offset` that is not a multiple of `limit` (no request is made).
 * @throws {AuthorizationError} `Admin access required for this organization` (403).
 * @example
 * ```ts
 * const { data } = await listRoles(janua, { organizationId, includeSystem: false });
 * ```
 */
export async function listRoles(
  janua: Janua,
  params: ListRolesParams,
  options: RequestOptions = {},
): Promise<Page<Role>> {
  const organizationId = requireId(params?.organizationId, 'organizationId');
  const paging = toPageQuery(params);
  return request(janua, {
    ...options,
    method: 'GET',
    path: '/roles',
    query: { organization_id: organizationId, include_system: params.includeSystem ?? true, ...paging },
    map: (wire: WireRoleList) =>
      createPage(wire.items.map(toRole), { total: wire.total, offset: params.offset ?? 0, limit: paging.per_page }),
  });
}
