import { type Janua, type RequestOptions, request } from '@janua/core';
import { toInvitation } from './internal/map';
import { optionalInt, optionalString, requireEmail, requireId } from './internal/validate';
import type { InvitationRole } from './organization-role';
import type { Invitation } from './types';

/** Input of {@link createInvite}. */
export interface CreateInviteParams {
  organizationId: string;
  email: string;
  /** Default `member`; never above the inviter's own role. */
  role?: InvitationRole;
  /** Shown in the invitation mail; up to 500 characters. */
  message?: string;
  /** Validity in days, 1–30. Default 7. */
  expiresInDays?: number;
}

/**
 * Invites someone by email. The mail carries a link `<frontend>/invitations/accept?token=…`;
 * the invitee completes it with `acceptInvite`. Needs `admin` or `owner`.
 *
 * @throws {ValidationError} locally for a bad id or email; from the server `User is already a
 *   member of this organization`, `An active invitation already exists for this email`, or
 *   `Organization not found` (also when the caller is not in it) (400).
 * @throws {AuthorizationError} `Organization admin privileges required`, `Cannot assign role higher than your own` (403).
 * @example
 * ```ts
 * const invite = await createInvite(janua, { organizationId, email: 'grace@example.com', role: 'admin' });
 * ```
 */
export async function createInvite(
  janua: Janua,
  params: CreateInviteParams,
  options: RequestOptions = {},
): Promise<Invitation> {
  return request(janua, {
    ...options,
    method: 'POST',
    path: '/invitations',
    body: {
      organization_id: requireId(params?.organizationId, 'organizationId'),
      email: requireEmail(params.email, 'email'),
      role: optionalString(params.role, 'role', 20),
      message: optionalString(params.message, 'message', 500),
      expires_in: optionalInt(params.expiresInDays, 'expiresInDays', 1, 30),
    },
    map: toInvitation,
  });
}
