import { createPage, type Janua, type PageParams, type RequestOptions, request } from '@janua/core';
import { toInvitation } from './internal/map';
import { optionalInt, requireEmail, requireId } from './internal/validate';
import type { InvitationPage, InvitationStatus } from './types';
import type { WireInvitationList } from './wire';

/** Input of {@link listInvites}. */
export interface ListInvitesParams extends PageParams {
  /** Only this organization's invitations; default: every organization the caller belongs to. */
  organizationId?: string;
  status?: InvitationStatus;
  email?: string;
}

/**
 * One page of invitations, newest first, with pending/accepted/expired counts. `inviteUrl`
 * carries the token only for those who administer the organization.
 *
 * @throws {ValidationError} for a non-UUID `organizationId` or a `limit` outside 1–1000 (no request is made).
 * @throws {AuthorizationError} `Not a member of this organization` when filtering on one the caller is not in.
 * @example
 * ```ts
 * const page = await listInvites(janua, { organizationId, status: 'pending' });
 * console.log(page.pendingCount, page.data.map((i) => i.email));
 * ```
 */
export async function listInvites(
  janua: Janua,
  params?: ListInvitesParams,
  options: RequestOptions = {},
): Promise<InvitationPage> {
  // A default covers only `undefined`; untyped callers also pass `null`.
  params ??= {};
  const limit = optionalInt(params.limit, 'limit', 1, 1000) ?? 100;
  const offset = optionalInt(params.offset, 'offset', 0, Number.MAX_SAFE_INTEGER) ?? 0;
  return request(janua, {
    ...options,
    method: 'GET',
    path: '/invitations',
    query: {
      organization_id:
        params.organizationId === undefined ? undefined : requireId(params.organizationId, 'organizationId'),
      status: params.status,
      email: params.email === undefined ? undefined : requireEmail(params.email, 'email'),
      skip: offset,
      limit,
    },
    map: (wire: WireInvitationList) => ({
      ...createPage(wire.invitations.map(toInvitation), { total: wire.total, offset, limit }),
      pendingCount: wire.pending_count,
      acceptedCount: wire.accepted_count,
      expiredCount: wire.expired_count,
    }),
  });
}
