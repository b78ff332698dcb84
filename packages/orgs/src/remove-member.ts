import { type Janua, type RequestOptions, request, segment } from '@janua/core';
import { requireId } from './internal/validate';

/** Input of {@link removeMember}. */
export interface RemoveMemberParams {
  organizationId: string;
  userId: string;
}

/**
 * Removes a member (the membership is kept with status `removed`). Needs `users:delete`.
 *
 * @throws {ValidationError} for non-UUID ids (no request is made); `Cannot remove yourself from
 *   organization` / `Cannot remove the last owner` (400).
 * @throws {AuthorizationError} `Permission denied: users:delete` (403).
 * @throws {NotFoundError} `Member not found`.
 * @example
 * ```ts
 * await removeMember(janua, { organizationId, userId });
 * ```
 */
export async function removeMember(
  janua: Janua,
  params: RemoveMemberParams,
  options: RequestOptions = {},
): Promise<void> {
  const orgId = requireId(params?.organizationId, 'organizationId');
  const userId = requireId(params.userId, 'userId');
  await request(janua, {
    ...options,
    method: 'DELETE',
    path: `/organizations/${segment(orgId)}/members/${segment(userId)}`,
  });
}
