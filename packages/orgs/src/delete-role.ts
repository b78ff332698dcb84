import { type Janua, type RequestOptions, request, segment } from '@janua/core';
import { requireId } from './internal/validate';

/** Input of {@link deleteRole}. */
export interface DeleteRoleParams {
  organizationId: string;
  roleId: string;
}

/**
 * Deletes a custom role that no member holds any more. Organization admins only.
 *
 * @throws {ValidationError} for non-UUID ids (no request is made); `Role is assigned to N member(s)`,
 *   `Cannot modify system roles` (400).
 * @throws {AuthorizationError} `Admin access required for this organization` (403).
 * @throws {NotFoundError} `Role not found`.
 * @example
 * ```ts
 * await deleteRole(janua, { organizationId, roleId });
 * ```
 */
export async function deleteRole(janua: Janua, params: DeleteRoleParams, options: RequestOptions = {}): Promise<void> {
  const organizationId = requireId(params?.organizationId, 'organizationId');
  const roleId = requireId(params.roleId, 'roleId');
  await request(janua, {
    ...options,
    method: 'DELETE',
    path: `/roles/${segment(roleId)}`,
    query: { organization_id: organizationId },
  });
}
