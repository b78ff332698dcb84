import { parseDate, parseOptionalDate } from './dates';
import { JanuaError } from './errors/janua-error';
import type { Janua } from './janua';
import type { StoredTokens } from './tokens/token-store';
import { setTokens, toStoredTokens, type WireTokenResponse } from './tokens/tokens';

// Every flow that signs someone in (password, magic link, MFA challenge, passkey) answers with the
// same `SignInResponse` (contract §4.0). Domain packages must not import each other, so the one
// mapping of it lives here and each of them calls it.

/** The wire `AuthUser` (contract §4.0). */
export interface WireAuthUser {
  id: string;
  email: string;
  email_verified: boolean;
  username: string | null;
  first_name: string | null;
  last_name: string | null;
  profile_image_url: string | null;
  is_admin: boolean;
  created_at: string;
  updated_at: string;
  last_sign_in_at: string | null;
}

/** The wire `SignInResponse` (contract §4.0; `session` is designed here). */
export interface WireSignInResponse {
  user: WireAuthUser;
  tokens: WireTokenResponse | null;
  mfa_required: boolean;
  mfa_token: string | null;
  session?: { id: string; expires_at: string };
}

/** The signed-in user as auth flows return it. */
export interface AuthUser {
  id: string;
  email: string;
  emailVerified: boolean;
  username: string | null;
  firstName: string | null;
  lastName: string | null;
  profileImageUrl: string | null;
  isAdmin: boolean;
  createdAt: Date;
  updatedAt: Date;
  lastSignInAt: Date | null;
}

/** The session a sign-in created. */
export interface SessionSummary {
  id: string;
  /** When the session (its refresh token) expires. */
  expiresAt: Date;
}

/** A completed sign-in: the tokens are already stored on the instance. */
export interface SignedIn {
  status: 'signedIn';
  user: AuthUser;
  /** Null against servers that do not report it (upstream). */
  session: SessionSummary | null;
  tokens: StoredTokens;
}

/**
 * Maps a wire `AuthUser` to the public {@link AuthUser}.
 *
 * @example
 * ```ts
 * const user = toAuthUser(await request<WireAuthUser>(janua, { method: 'GET', path: '/auth/me' }));
 * ```
 */
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

/**
 * Stores the tokens of a `SignInResponse` that carries them (emitting `SIGNED_IN`) and returns
 * the {@link SignedIn} result.
 *
 * @throws {JanuaError} code `INVALID_RESPONSE` when the response holds no tokens.
 * @example
 * ```ts
 * const signedIn = await storeSignIn(janua, await request<WireSignInResponse>(janua, { method: 'POST', path: '/mfa/challenge/verify', body, auth: 'none' }));
 * ```
 */
export async function storeSignIn(janua: Janua, wire: WireSignInResponse): Promise<SignedIn> {
  if (!wire?.tokens?.access_token || !wire.user) {
    throw new JanuaError({
      status: 200,
      code: 'INVALID_RESPONSE',
      message: 'The sign-in response holds no tokens or user',
    });
  }
  // Map everything before storing: a response that fails to map must not leave a half sign-in.
  const user = toAuthUser(wire.user);
  const session = wire.session ? { id: wire.session.id, expiresAt: parseDate(wire.session.expires_at) } : null;
  const tokens = toStoredTokens(wire.tokens);
  await setTokens(janua, tokens);
  return { status: 'signedIn', user, session, tokens };
}
