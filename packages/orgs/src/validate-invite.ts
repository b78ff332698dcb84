import { checkWire, type Janua, parseDate, type RequestOptions, request, segment } from '@janua/core';
import { requireString } from './internal/validate';
import type { InvitationRole } from './organization-role';
import type { InviteValidation } from './types';
import type { WireInvitationValidation } from './wire';

/** Input of {@link validateInvite}. */
export interface ValidateInviteParams {
  /** The `token` query parameter of the invitation link. */
  token: string;
}

/**
 * Checks an invitation token without signing in, e.g. to show "Join Acme as admin" on the accept
 * page. Used, revoked and expired invitations come back as `{ valid: false, reason }`.
 *
 * @throws {ValidationError} for an empty token (no request is made).
 * @throws {NotFoundError} `Invalid invitation token` for unknown tokens.
 * @example
 * ```ts
 * const check = await validateInvite(janua, { token });
 * if (check.valid) console.log(`Join ${check.organizationName} as ${check.role}`);
 * ```
 */
export async function validateInvite(
  janua: Janua,
  params: ValidateInviteParams,
  options: RequestOptions = {},
): Promise<InviteValidation> {
  const token = requireString(params?.token, 'token', 512);
  return request(janua, {
    ...options,
    method: 'GET',
    path: `/invitations/validate/${segment(token, 'token')}`,
    auth: 'none',
    map: toInviteValidation,
  });
}

function toInviteValidation(w: WireInvitationValidation): InviteValidation {
  const email = checkWire(w.email, 'string');
  const organizationId = checkWire(w.organization_id, 'string');
  checkWire(w.valid, 'boolean');
  if (!w.valid) return { valid: false, reason: checkWire(w.reason, 'string'), email, organizationId };
  return {
    valid: true,
    email,
    organizationId,
    organizationName: checkWire(w.organization_name, 'string'),
    role: w.role as InvitationRole,
    expiresAt: parseDate(w.expires_at),
    message: w.message,
  };
}
