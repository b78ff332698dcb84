import { type Janua, type RequestOptions, request, segment } from '@janua/core';
import { toInvitation } from './internal/map';
import { requireId } from './internal/validate';
import type { Invitation } from './types';

/** Input of {@link getInvite}. */
export interface GetInviteParams {
  invitationId: string;
}

/**
 * Reads one invitation of an organization the caller belongs to (or one addressed to the caller).
 *
 * @throws {ValidationError} for a non-UUID id (no request is made).
 * @throws {NotFoundError} `Invitation not found`, also for other organizations' invitations.
 * @example
 * ```ts
 * const invite = await getInvite(janua, { invitationId });
 * console.log(invite.status);
 * ```
 */
export async function getInvite(
  janua: Janua,
  params: GetInviteParams,
  options: RequestOptions = {},
): Promise<Invitation> {
  const id = requireId(params?.invitationId, 'invitationId');
  return request(janua, { ...options, method: 'GET', path: `/invitations/${segment(id)}`, map: toInvitation });
}
