import { type Janua, parseDate, parseOptionalDate, setTokens, toStoredTokens } from '@janua/core';
import type { AuthUser, SignInResult } from '../types';
import type { WireAuthUser, WireSignInResponse } from '../wire';

export function toAuthUser(w: WireAuthUser): AuthUser {
  return {
    id: w.id,
    email: w.email,
    emailVerified: w.email_verified,
    username: w.username,
    firstName: w.first_name,
    lastName: w.last_name,
    profileImageUrl: w.profile_image_url,
    isAdmin: w.is_admin,
    createdAt: parseDate(w.created_at),
    updatedAt: parseDate(w.updated_at),
    lastSignInAt: parseOptionalDate(w.last_sign_in_at),
  };
}

/** Maps a `SignInResponse` and stores its tokens (emitting `SIGNED_IN`). */
export async function completeSignIn(janua: Janua, wire: WireSignInResponse): Promise<SignInResult> {
  const user = toAuthUser(wire.user);
  if (wire.mfa_required || !wire.tokens) {
    return { status: 'mfaRequired', user, challengeId: wire.mfa_token ?? '' };
  }
  const tokens = toStoredTokens(wire.tokens);
  await setTokens(janua, tokens);
  return {
    status: 'signedIn',
    user,
    session: wire.session ? { id: wire.session.id, expiresAt: parseDate(wire.session.expires_at) } : null,
    tokens,
  };
}
