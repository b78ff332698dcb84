import { type Janua, type RequestOptions, request, ValidationError } from '@janua/core';
import { toInvitation } from './internal/map';
import { optionalInt, optionalString, requireEmail, requireId } from './internal/validate';
import type { InvitationRole } from './organization-role';
import type { BulkInviteResult } from './types';
import type { WireBulkInvitations } from './wire';

/** Input of {@link createInvites}. */
export interface CreateInvitesParams {
  organizationId: string;
  /** 1 to 100 addresses. */
  emails: string[];
  role?: InvitationRole;
  message?: string;
  /** Validity in days, 1–30. Default 7. */
  expiresInDays?: number;
}

/**
 * Invites up to 100 addresses at once with the same role. Addresses that cannot be invited
 * (already members, already invited) are reported in `failed`; the others are sent.
 *
 * @throws {ValidationError} locally for a bad id, an empty or oversized list, or a malformed address.
 * @throws {AuthorizationError} `Organization admin privileges required` (403).
 * @example
 * ```ts
 * const { successful, failed } = await createInvites(janua, { organizationId, emails: ['a@x.com', 'b@x.com'] });
 * for (const f of failed) console.warn(f.email, f.error);
 * ```
 */
export async function createInvites(
  janua: Janua,
  params: CreateInvitesParams,
  options: RequestOptions = {},
): Promise<BulkInviteResult> {
  const organizationId = requireId(params?.organizationId, 'organizationId');
  if (!Array.isArray(params.emails) || params.emails.length < 1 || params.emails.length > 100) {
    throw new ValidationError({ code: 'VALIDATION_ERROR', message: 'emails must hold 1 to 100 addresses' });
  }
  return request(janua, {
    ...options,
    method: 'POST',
    path: '/invitations/bulk',
    body: {
      organization_id: organizationId,
      emails: params.emails.map((e, i) => requireEmail(e, `emails[${i}]`)),
      role: optionalString(params.role, 'role', 20),
      message: optionalString(params.message, 'message', 500),
      expires_in: optionalInt(params.expiresInDays, 'expiresInDays', 1, 30),
    },
    map: (wire: WireBulkInvitations) => ({
      successful: wire.successful.map(toInvitation),
      failed: wire.failed,
      totalSent: wire.total_sent,
      totalFailed: wire.total_failed,
    }),
  });
}
