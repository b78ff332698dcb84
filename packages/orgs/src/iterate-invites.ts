import { type Janua, paginate, type RequestOptions } from '@janua/core';
import { type ListInvitesParams, listInvites } from './list-invites';
import type { Invitation } from './types';

/**
 * Every invitation matching the filters, fetched page by page as you iterate.
 *
 * @example
 * ```ts
 * for await (const invite of iterateInvites(janua, { organizationId, status: 'expired' })) {
 *   await resendInvite(janua, { invitationId: invite.id });
 * }
 * ```
 */
export function iterateInvites(
  janua: Janua,
  params: ListInvitesParams = {},
  options: RequestOptions = {},
): AsyncGenerator<Invitation, void, undefined> {
  return paginate((p) => listInvites(janua, p, options), params);
}
