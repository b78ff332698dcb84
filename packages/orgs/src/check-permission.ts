import { checkWire, type Janua, type RequestOptions, request, segment } from '@janua/core';
import { requireId, requireString } from './internal/validate';
import type { OrganizationRole } from './organization-role';
import type { WirePermissionCheck } from './wire';

/** Input of {@link checkPermission}. */
export interface CheckPermissionParams {
  organizationId: string;
  /**
   * A role name (true when the caller's role is at least that role), or, against the dev server,
   * an RBAC permission such as `users:invite`.
   */
  permission: OrganizationRole | (string & {});
}

/**
 * Whether the signed-in user holds a role (or better) in an organization. Non-members get false.
 *
 * @throws {ValidationError} for a non-UUID id or an empty permission (no request is made).
 * @throws {NotFoundError} `Organization not found`.
 * @example
 * ```ts
 * if (await checkPermission(janua, { organizationId, permission: 'admin' })) showAdminPanel();
 * ```
 */
export async function checkPermission(
  janua: Janua,
  params: CheckPermissionParams,
  options: RequestOptions = {},
): Promise<boolean> {
  const id = requireId(params?.organizationId, 'organizationId');
  return request(janua, {
    ...options,
    method: 'GET',
    path: `/organizations/${segment(id)}/members/check-permission`,
    query: { permission: requireString(params.permission, 'permission', 100) },
    map: (wire: WirePermissionCheck) => checkWire(wire.has_permission, 'boolean'),
  });
}
