import { AuthenticationError, checkWire, getTokens, type Janua, type RequestOptions, request } from '@janua/core';
import type { WireAuthSession } from './wire';

/** The user of an {@link AuthSession}: a shorter profile than `AuthUser`, plus roles and permissions. */
export interface AuthSessionUser {
  id: string;
  email: string;
  username: string | null;
  firstName: string | null;
  lastName: string | null;
  emailVerified: boolean;
  roles: string[];
  permissions: string[];
  isAdmin: boolean;
}

/** Result of {@link getAuthSession}. */
export interface AuthSession {
  user: AuthSessionUser;
  /** When the credential this call presented (the access token or cookie) stops working. */
  expiresAt: Date;
}

/**
 * Who the current credentials belong to (`GET /auth/session`, contract §3.4): the user and when
 * the presented access token expires.
 *
 * Which credential is sent:
 * - tokens stored on the instance → the bearer token, refreshed like any user call;
 * - no tokens, in a browser → no `Authorization` header, so the `access_token` cookie that the
 *   OAuth/SSO callbacks set in cookie mode (HttpOnly: the SDK never sees it) proves the session.
 *   `fetch` attaches it only when the page runs on the API's own origin; a cross-origin app
 *   gets a 401;
 * - no tokens on Node or an edge runtime → `AuthenticationError` code `NOT_SIGNED_IN` without a
 *   request, unless the instance was created with a `cookie` header (`headers: { cookie }`),
 *   e.g. a server forwarding a browser's cookie, in which case that cookie is sent.
 *
 * The upstream server answers 500 whenever a token is present (contract §6.3, a `ServerError`);
 * `getCurrentUser` is the portable way to check a bearer token.
 *
 * @param janua - The {@link Janua} instance.
 * @throws {AuthenticationError} status 401 when not signed in: `No session cookie or bearer
 *   token found`, `Invalid or expired session`, `User not found or inactive`, or code
 *   `NOT_SIGNED_IN` locally (see above).
 * @example
 * ```ts
 * const { user, expiresAt } = await getAuthSession(janua);
 * console.log(user.email, user.roles, expiresAt);
 * ```
 */
export async function getAuthSession(janua: Janua, options: RequestOptions = {}): Promise<AuthSession> {
  const signedIn = (await getTokens(janua)) !== null;
  const { runtime, headers } = janua.config;
  const cookie = runtime === 'browser' || Object.keys(headers).some((name) => name.toLowerCase() === 'cookie');
  if (!signedIn && !cookie) {
    throw new AuthenticationError({
      status: 401,
      code: 'NOT_SIGNED_IN',
      message: 'Not signed in: no tokens are stored and this runtime sends no session cookie',
    });
  }
  return request(janua, {
    ...options,
    method: 'GET',
    path: '/auth/session',
    // Without tokens, `user` would refuse locally (or send only the API key): the cookie is the credential.
    auth: signedIn ? 'user' : 'none',
    map: toAuthSession,
  });
}

function toAuthSession(w: WireAuthSession): AuthSession {
  // A 2xx that does not say "authenticated" must not read as a session.
  if (w.authenticated !== true) throw new TypeError('Not an authenticated session');
  const u = checkWire(w.user, 'object');
  const strings = (list: string[]) => checkWire(list, 'array').map((s) => checkWire(s, 'string'));
  return {
    user: {
      id: checkWire(u.id, 'string'),
      email: checkWire(u.email, 'string'),
      username: u.username ?? null,
      firstName: u.first_name ?? null,
      lastName: u.last_name ?? null,
      emailVerified: checkWire(u.email_verified, 'boolean'),
      roles: strings(u.roles),
      permissions: strings(u.permissions),
      isAdmin: checkWire(u.is_admin, 'boolean'),
    },
    // Integer unix seconds here, unlike the ISO timestamps elsewhere (§1.8).
    expiresAt: new Date(checkWire(w.session?.expires_at, 'number') * 1000),
  };
}
