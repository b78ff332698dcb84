import { type Janua, type RequestOptions, request, segment } from '@janua/core';
import { toMember } from './internal/map';
import { optionalString, requireId } from './internal/validate';
import type { MemberRole } from './organization-role';
import type { OrganizationMember } from './types';

/** Input of {@link addMember}. */
export interface AddMemberParams {
  organizationId: string;
  /** An existing user's id. To add someone by email, use `createInvite`. */
  userId: string;
  /** Default `member`; never above the caller's own role. */
  role?: MemberRole;
  metadata?: Record<string, unknown>;
}

/**
 * Adds an existing user to an organization. Needs `users:create` (`admin` or `owner`).
 *
 * @throws {ValidationError} for non-UUID ids (no request is made), or `Invalid role: …` (400).
 * @throws {AuthorizationError} `Permission denied: users:create` or `Cannot assign role higher than your own` (403).
 * @throws {ConflictError} `User is already a member of this organization` (409).
 * @throws {NotFoundError} `User not found` / `Organization not found`.
 * @example
 * ```ts
 * await addMember(janua, { organizationId, userId, role: OrganizationRole.Viewer });
 * ```
 */
export async function addMember(
  janua: Janua,
  params: AddMemberParams,
  options: RequestOptions = {},
): Promise<OrganizationMember> {
  const orgId = requireId(params?.organizationId, 'organizationId');
  return request(janua, {
    ...options,
    method: 'POST',
    path: `/organizations/${segment(orgId)}/members/add`,
    body: {
      user_id: requireId(params.userId, 'userId'),
      role: optionalString(params.role, 'role', 100),
      metadata: params.metadata,
    },
    map: toMember,
  });
}
