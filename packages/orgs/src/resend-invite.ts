import { type Janua, type RequestOptions, request, segment } from '@janua/core';
import { toInvitation } from './internal/map';
import { requireId } from './internal/validate';
import type { Invitation } from './types';

/** Input of {@link resendInvite}. */
export interface ResendInviteParams {
  invitationId: string;
}

/**
 * Mails a pending (or expired) invitation again and restarts its validity. Organization admins only.
 *
 * @throws {ValidationError} for a non-UUID id (no request is made); `Cannot resend invitation with status: accepted` (400).
 * @throws {AuthorizationError} `Organization admin privileges required` (403).
 * @throws {NotFoundError} `Invitation not found`, also for other organizations' invitations.
 * @example
 * ```ts
 * const invite = await resendInvite(janua, { invitationId });
 * console.log(invite.expiresAt);
 * ```
 */
export async function resendInvite(
  janua: Janua,
  params: ResendInviteParams,
  options: RequestOptions = {},
): Promise<Invitation> {
  const id = requireId(params?.invitationId, 'invitationId');
  return request(janua, {
    ...options,
    method: 'POST',
    path: `/invitations/${segment(id)}/resend`,
    map: toInvitation,
  });
}
