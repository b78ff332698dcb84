import { assertUuid, type Janua, type RequestOptions, request, segment, ValidationError } from '@janua/core';
import { toInvitation } from './internal/map';
import { optionalString } from './internal/validate';
import type { InvitationRole } from './organization-role';
import type { Invitation } from './types';

/** Input of {@link updateInvite}: absent fields stay unchanged (none can be cleared). */
export interface UpdateInviteParams {
  invitationId: string;
  /** The role the invitee gets on accepting; never above the caller's own role. */
  role?: InvitationRole;
  /** Shown in the invitation; up to 500 characters. */
  message?: string;
  /** New expiry: in the future and at most 30 days ahead (checked by the server, on its clock). */
  expiresAt?: Date;
}

const ROLES: readonly string[] = ['owner', 'admin', 'member', 'viewer'];

function invalid(field: string, message: string): ValidationError {
  return new ValidationError({
    code: 'VALIDATION_ERROR',
    message,
    fieldErrors: [{ field, message, type: 'value_error' }],
  });
}

/**
 * Changes a pending invitation (`PATCH /invitations/{id}`): its role, message or expiry. The
 * mailed link stays the same; whoever accepts it later gets the new role. Organization admins only.
 *
 * @param janua - The {@link Janua} instance, signed in as an admin of the invitation's organization.
 * @param params - The invitation id and the fields to change.
 * @returns The updated {@link Invitation}.
 * @throws {ValidationError} locally for a non-UUID id, an unknown role, a message over 500
 *   characters or an invalid `Date` (no request is made); from the server `Cannot update
 *   invitation with status: accepted` (also `revoked`, `expired`), `expires_at must be in the
 *   future`, `expires_at must be within 30 days` (400).
 * @throws {AuthorizationError} `Organization admin privileges required`, `Cannot assign role higher than your own` (403).
 * @throws {NotFoundError} `Invitation not found`, also for other organizations' invitations.
 * @example
 * ```ts
 * const invite = await updateInvite(janua, {
 *   invitationId,
 *   role: 'admin',
 *   expiresAt: new Date(Date.now() + 14 * 86_400_000),
 * });
 * ```
 */
export async function updateInvite(
  janua: Janua,
  params: UpdateInviteParams,
  options: RequestOptions = {},
): Promise<Invitation> {
  const id = assertUuid(params?.invitationId, 'invitationId');
  const { role, expiresAt } = params;
  if (role !== undefined && !ROLES.includes(role)) throw invalid('role', `role must be one of ${ROLES.join(', ')}`);
  if (expiresAt !== undefined && !(expiresAt instanceof Date && Number.isFinite(expiresAt.getTime()))) {
    throw invalid('expiresAt', 'expiresAt must be a valid Date');
  }
  return request(janua, {
    ...options,
    method: 'PATCH',
    path: `/invitations/${segment(id)}`,
    body: { role, message: optionalString(params.message, 'message', 500), expires_at: expiresAt?.toISOString() },
    map: toInvitation,
  });
}
