import { assertUuid, checkWire, type Janua, type RequestOptions, request } from '@janua/core';

/** Input of {@link cleanupExpiredInvites}. */
export interface CleanupExpiredInvitesParams {
  /** Only this organization's invitations. Default: every organization the caller administers. */
  organizationId?: string;
}

/** Result of {@link cleanupExpiredInvites}. */
export interface InviteCleanupResult {
  /** e.g. `Cleaned up 3 expired invitation(s)`. */
  message: string;
  /** How many pending invitations were marked `expired`. */
  count: number;
}

/**
 * Marks pending invitations past their expiry as `expired` (`POST /invitations/cleanup`). They
 * already read as `expired` and can no longer be accepted; this makes the stored status agree,
 * e.g. before a report. Scope: `organizationId`, else every organization the caller
 * administers (a platform admin: all; an API key: its organization). Needs admin rights there.
 *
 * @param janua - The {@link Janua} instance, signed in as an organization admin (or with an API key scoped `users:invite`).
 * @param params - Optional `organizationId`.
 * @throws {ValidationError} locally for a non-UUID `organizationId` (no request is made); from the
 *   server `Organization not found` (400, also when the caller is not in it).
 * @throws {AuthorizationError} `Organization admin privileges required` (403): the caller administers no organization, or not this one.
 * @example
 * ```ts
 * const { count } = await cleanupExpiredInvites(janua, { organizationId });
 * console.log(`${count} invitation(s) expired`);
 * ```
 */
export async function cleanupExpiredInvites(
  janua: Janua,
  params?: CleanupExpiredInvitesParams,
  options: RequestOptions = {},
): Promise<InviteCleanupResult> {
  // A default covers only `undefined`; untyped callers also pass `null`.
  const orgId = params?.organizationId;
  return request(janua, {
    ...options,
    method: 'POST',
    path: '/invitations/cleanup',
    query: { organization_id: orgId === undefined ? undefined : assertUuid(orgId, 'organizationId') },
    map: (w: { message: string; count: number }) => ({
      message: checkWire(w.message, 'string'),
      count: checkWire(w.count, 'number'),
    }),
  });
}
