import { type Janua, paginate, type RequestOptions } from '@janua/core';
import { type ListRolesParams, listRoles } from './list-roles';
import type { Role } from './types';

/**
 * Every role of an organization, fetched page by page as you iterate.
 *
 * @example
 * ```ts
 * for await (const role of iterateRoles(janua, { organizationId })) console.log(role.name, role.permissions);
 * ```
 */
export function iterateRoles(
  janua: Janua,
  params: ListRolesParams,
  options: RequestOptions = {},
): AsyncGenerator<Role, void, undefined> {
  return paginate((p) => listRoles(janua, p, options), params);
}
