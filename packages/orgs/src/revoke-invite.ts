import { type Janua, type RequestOptions, request, segment } from '@janua/core';
import { requireId } from './internal/validate';

/** Input of {@link revokeInvite}. */
export interface RevokeInviteParams {
  invitationId: string;
}

/**
 * Revokes a pending invitation: its link stops working. Organization admins only.
 *
 * @throws {ValidationError} for a non-UUID id (no request is made); `Cannot revoke invitation with status: …` (400).
 * @throws {AuthorizationError} `Organization admin privileges required` (403).
 * @throws {NotFoundError} `Invitation not found`.
 * @example
 * ```ts
 * await revokeInvite(janua, { invitationId });
 * ```
 */
export async function revokeInvite(
  janua: Janua,
  params: RevokeInviteParams,
  options: RequestOptions = {},
): Promise<void> {
  const id = requireId(params?.invitationId, 'invitationId');
  await request(janua, { ...options, method: 'DELETE', path: `/invitations/${segment(id)}` });
}
