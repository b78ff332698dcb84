import { toAbsoluteUrl } from './absolute-url';
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
 * const user = await request(janua, { method: 'GET', path: '/auth/me', map: toAuthUser });
 * ```
 */
export function toAuthUser(w: WireAuthUser, janua: Janua): AuthUser {
  return {
    id: w.id,
    email: w.email,
    emailVerified: w.email_verified,
    username: w.username,
    firstName: w.first_name,
    lastName: w.last_name,
    profileImageUrl: toAbsoluteUrl(w.profile_image_url, janua),
    isAdmin: w.is_admin,
    createdAt: parseDate(w.created_at),
    updatedAt: parseDate(w.updated_at),
    lastSignInAt: parseOptionalDate(w.last_sign_in_at),
  };
}

/**
 * Reads a `SignInResponse` that carries tokens into the {@link SignedIn} result, storing nothing.
 * Pass it as `request`'s `map`, so an answer without tokens or user rejects with
 * `INVALID_RESPONSE` (with its request id), then store the tokens with `setTokens`.
 *
 * @throws {TypeError} when the response holds no tokens or user (`request` turns it into
 *   `JanuaError` code `INVALID_RESPONSE`).
 * @example
 * ```ts
 * const signedIn = await request(janua, { method: 'POST', path: '/mfa/challenge/verify', body, auth: 'none', map: toSignedIn });
 * await setTokens(janua, signedIn.tokens);
 * ```
 */
export function toSignedIn(wire: WireSignInResponse, janua: Janua): SignedIn {
  if (!wire?.tokens?.access_token || !wire.user) throw new TypeError('The sign-in response holds no tokens or user');
  return {
    status: 'signedIn',
    user: toAuthUser(wire.user, janua),
    session: wire.session ? { id: wire.session.id, expiresAt: parseDate(wire.session.expires_at) } : null,
    tokens: toStoredTokens(wire.tokens),
  };
}

/**
 * Stores the tokens of a `SignInResponse` that carries them (emitting `SIGNED_IN`) and returns
 * the {@link SignedIn} result. Prefer {@link toSignedIn} as `request`'s `map`: its
 * `INVALID_RESPONSE` carries the request id.
 *
 * @throws {JanuaError} code `INVALID_RESPONSE` when the response holds no tokens or user.
 * @example
 * ```ts
 * const signedIn = await storeSignIn(janua, await request<WireSignInResponse>(janua, { method: 'POST', path: '/mfa/challenge/verify', body, auth: 'none' }));
 * ```
 */
export async function storeSignIn(janua: Janua, wire: WireSignInResponse): Promise<SignedIn> {
  let signedIn: SignedIn;
  try {
    // Map everything before storing: a response that fails to map must not leave a half sign-in.
    signedIn = toSignedIn(wire, janua);
  } catch (cause) {
    throw new JanuaError({
      status: 200,
      code: 'INVALID_RESPONSE',
      message: 'The sign-in response holds no tokens or user',
      cause,
    });
  }
  await setTokens(janua, signedIn.tokens);
  return signedIn;
}
