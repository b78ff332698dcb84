import { type Janua, type RequestOptions, request, segment } from '@janua/core';
import { toMember } from './internal/map';
import { requireId, requireString } from './internal/validate';
import type { MemberRole } from './organization-role';
import type { OrganizationMember } from './types';

/** Input of {@link updateMemberRole}. */
export interface UpdateMemberRoleParams {
  organizationId: string;
  userId: string;
  /** A system role or a custom role's name. */
  role: MemberRole;
}

/**
 * Changes a member's role. Needs `users:update`; the caller can neither assign a role above
 * their own nor touch a member who out-ranks them, and the last owner cannot be demoted.
 *
 * @throws {ValidationError} for non-UUID ids (no request is made); `Cannot demote the last owner` (400).
 * @throws {AuthorizationError} `Permission denied: users:update` (a member promoting himself),
 *   `Cannot assign role higher than your own` (403).
 * @throws {NotFoundError} `Active member not found`.
 * @example
 * ```ts
 * await updateMemberRole(janua, { organizationId, userId, role: OrganizationRole.Admin });
 * ```
 */
export async function updateMemberRole(
  janua: Janua,
  params: UpdateMemberRoleParams,
  options: RequestOptions = {},
): Promise<OrganizationMember> {
  const orgId = requireId(params?.organizationId, 'organizationId');
  const userId = requireId(params.userId, 'userId');
  return request(janua, {
    ...options,
    method: 'PATCH',
    path: `/organizations/${segment(orgId)}/members/${segment(userId)}/role`,
    body: { new_role: requireString(params.role, 'role', 100) },
    map: toMember,
  });
}
