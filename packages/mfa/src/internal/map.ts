import { type Janua, JanuaError, parseDate, parseOptionalDate, setTokens, toStoredTokens } from '@janua/core';
import type { AuthUser, SignedIn } from '../types';
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

/** Stores the tokens of a completed challenge (emitting `SIGNED_IN`) and maps the result. */
export async function completeSignIn(janua: Janua, wire: WireSignInResponse): Promise<SignedIn> {
  if (!wire.tokens) {
    throw new JanuaError({ status: 200, code: 'INVALID_RESPONSE', message: 'The MFA challenge returned no tokens' });
  }
  const tokens = toStoredTokens(wire.tokens);
  await setTokens(janua, tokens);
  return {
    status: 'signedIn',
    user: toAuthUser(wire.user),
    session: wire.session ? { id: wire.session.id, expiresAt: parseDate(wire.session.expires_at) } : null,
    tokens,
  };
}
