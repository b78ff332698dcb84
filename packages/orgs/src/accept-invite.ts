import {
  checkWire,
  getTokens,
  type Janua,
  type RequestOptions,
  request,
  segment,
  setTokens,
  toStoredTokens,
  ValidationError,
} from '@janua/core';
import { optionalString, requireString } from './internal/validate';
import type { AcceptInviteResult } from './types';
import type { WireAcceptInvitation, WireInvitationValidation, WireSignInTokens } from './wire';

/**
 * Input of {@link acceptInvite}. Existing users sign in first and pass only the token; new users
 * pass `password` (and `name`) and get an account with the invitation's email.
 */
export interface AcceptInviteParams {
  token: string;
  /** New users: their display name. */
  name?: string;
  /** New users: at least 8 characters. Its presence selects the new-account path. */
  password?: string;
}

/**
 * Accepts an invitation.
 *
 * - Existing user (signed in on `janua`, no `password`): the user id comes from `GET /auth/me`;
 *   the account's email must be the invited one.
 * - New user (`password` given): the account is created with the invitation's email (verified),
 *   then signed in with that email and password; the tokens are stored on `janua`.
 *
 * @returns The membership's user and organization, `isNewUser`, and whether it signed in.
 * @throws {ValidationError} locally when neither signed in nor given a password; from the server
 *   `Invalid invitation token`, `Invitation has expired`, `Invitation is accepted|revoked`,
 *   `Invitation email does not match user email`, `Email already registered` (400).
 * @example
 * ```ts
 * const token = new URL(location.href).searchParams.get('token') ?? '';
 * const result = await acceptInvite(janua, { token, name: 'Grace', password: 'Correct-Horse-9!' });
 * console.log(result.organizationId, result.signedIn); // signed in as the invitee
 * ```
 */
export async function acceptInvite(
  janua: Janua,
  params: AcceptInviteParams,
  options: RequestOptions = {},
): Promise<AcceptInviteResult> {
  const token = requireString(params?.token, 'token', 512);
  if (params.password === undefined) {
    if (!(await getTokens(janua))) {
      throw new ValidationError({
        code: 'VALIDATION_ERROR',
        message: 'Sign in to accept as an existing user, or pass name and password to create an account',
      });
    }
    const userId = await request(janua, {
      ...options,
      method: 'GET',
      path: '/auth/me',
      map: (w: { id: string }) => w.id,
    });
    const accepted = await request(janua, {
      ...options,
      method: 'POST',
      path: '/invitations/accept',
      body: { token, user_id: userId },
      map: toAccepted,
    });
    return { ...accepted, signedIn: false };
  }
  const password = requireString(params.password, 'password');
  if (password.length < 8) {
    throw new ValidationError({
      code: 'VALIDATION_ERROR',
      message: 'password must be at least 8 characters',
      fieldErrors: [{ field: 'password', message: 'password must be at least 8 characters', type: 'string_too_short' }],
    });
  }
  const name = optionalString(params.name, 'name', 200);
  // The accept response has no email and no tokens (§4.5): learn the email first, sign in after.
  const email = await request(janua, {
    ...options,
    method: 'GET',
    path: `/invitations/validate/${segment(token, 'token')}`,
    auth: 'none',
    // Returned, not thrown: inside `map` a throw means "unreadable body" (INVALID_RESPONSE).
    map: (w: WireInvitationValidation) => {
      checkWire(w.valid, 'boolean');
      return w.valid
        ? checkWire(w.email, 'string')
        : new ValidationError({ status: 400, code: 'HTTP_ERROR', message: w.reason });
    },
  });
  if (email instanceof ValidationError) throw email;
  // No bearer token here: the server would otherwise accept on behalf of whoever is signed in.
  const accepted = await request(janua, {
    ...options,
    method: 'POST',
    path: '/invitations/accept',
    auth: 'none',
    body: { token, name, password },
    map: toAccepted,
  });
  // Mapped inside `map`: a sign-in answer it cannot read stores nothing.
  const tokens = await request(janua, {
    ...options,
    method: 'POST',
    path: '/auth/signin',
    auth: 'none',
    body: { email, password },
    map: (w: WireSignInTokens) => (w.tokens ? toStoredTokens(w.tokens) : null),
  });
  if (tokens) await setTokens(janua, tokens);
  return { ...accepted, signedIn: !!tokens };
}

function toAccepted(wire: WireAcceptInvitation) {
  return {
    userId: checkWire(wire.user_id, 'string'),
    organizationId: checkWire(wire.organization_id, 'string'),
    isNewUser: checkWire(wire.is_new_user, 'boolean'),
  };
}
