import { checkWire, type Janua, type RequestOptions, request } from '@janua/core';
import { requireId, requireString } from './internal/validate';
import type { MemberRole } from './organization-role';
import type { RoleAssignment } from './types';
import type { WireRoleAssignment } from './wire';

/** Input of {@link assignRole}. */
export interface AssignRoleParams {
  organizationId: string;
  userId: string;
  /** A system role or a custom role's name. */
  roleName: MemberRole;
}

/**
 * Gives a member a role, custom or system, with the same rules as `updateMemberRole`.
 * Organization admins only.
 *
 * @throws {ValidationError} for non-UUID ids (no request is made); `Invalid role: …` (400).
 * @throws {AuthorizationError} `Admin access required for this organization`, `Cannot assign role higher than your own` (403).
 * @throws {NotFoundError} `Active member not found`.
 * @example
 * ```ts
 * await assignRole(janua, { organizationId, userId, roleName: 'recruiter' });
 * ```
 */
export async function assignRole(
  janua: Janua,
  params: AssignRoleParams,
  options: RequestOptions = {},
): Promise<RoleAssignment> {
  const organizationId = requireId(params?.organizationId, 'organizationId');
  return request(janua, {
    ...options,
    method: 'POST',
    path: '/roles/assign',
    query: { organization_id: organizationId },
    body: { user_id: requireId(params.userId, 'userId'), role_name: requireString(params.roleName, 'roleName', 100) },
    map: (wire: WireRoleAssignment) => ({
      userId: checkWire(wire.user_id, 'string'),
      organizationId: checkWire(wire.organization_id, 'string'),
      role: checkWire(wire.role, 'string'),
    }),
  });
}
