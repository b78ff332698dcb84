import {
  AuthenticationError,
  type Janua,
  type RequestOptions,
  request,
  type StoredTokens,
  setTokens,
  toAbsoluteUrl,
  toStoredTokens,
  ValidationError,
} from '@janua/core';
import { checkProvider } from './internal/provider';
import type { OAuthProvider } from './oauth-provider';
import type { WireOAuthCallback } from './wire';

/** Input of {@link handleOAuthCallback}: the callback URL, or its `code` and `state`. */
export type HandleOAuthCallbackParams = {
  provider: OAuthProvider;
  /**
   * The `state` that `getOAuthUrl` returned to this browser (or this user's server session), e.g.
   * `sessionStorage.getItem('oauth_state')`. Required: a callback whose state this client did not
   * issue is rejected before any request, which is what stops login CSRF (an attacker's callback
   * link signing the victim in as the attacker). `null` (nothing stored) is rejected too.
   */
  expectedState: string | null;
} & ({ url: string | URL; code?: never; state?: never } | { code: string; state: string; url?: never });

/** The user an OAuth flow signed in. */
export interface OAuthUser {
  id: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  profileImageUrl: string | null;
}

/** Result of {@link handleOAuthCallback}. */
export interface OAuthCallbackResult {
  user: OAuthUser;
  isNewUser: boolean;
  /** The stored tokens; null in the server's cookie mode, where the tokens are HttpOnly cookies. */
  tokens: StoredTokens | null;
  /** Cookie mode only: where the server wants the browser to go. */
  redirectUrl?: string;
}

/**
 * Completes a social sign-in on your callback page: checks `state`, lets the server exchange the
 * code, stores the tokens. `url` is the callback URL, absolute (`location.href`) or relative (a
 * Node server's `req.url`); or pass `code` and `state` yourself.
 *
 * @throws {AuthenticationError} when the provider reported an error (e.g. the user denied access)
 *   or the exchange failed; `ValidationError` for a missing, mismatched, expired or reused state:
 *   code `OAUTH_STATE_MISSING` when `expectedState` is null or empty (this client started no
 *   flow), `OAUTH_STATE_MISMATCH` when the callback's state is not the expected one.
 * @example
 * ```ts
 * const { user, isNewUser } = await handleOAuthCallback(janua, {
 *   provider: 'github', url: location.href, expectedState: sessionStorage.getItem('oauth_state'),
 * });
 * ```
 */
export async function handleOAuthCallback(
  janua: Janua,
  params: HandleOAuthCallbackParams,
  options: RequestOptions = {},
): Promise<OAuthCallbackResult> {
  const provider = checkProvider(params?.provider);
  let { code, state } = params;
  if (params.url !== undefined) {
    let q: URLSearchParams;
    try {
      // Only the query matters, so a relative URL (Node's `req.url`) is fine. The TypeError of a
      // malformed one would carry the whole input, code and state included: never rethrow it.
      q = new URL(params.url, 'http://localhost').searchParams;
    } catch {
      throw new ValidationError({ code: 'VALIDATION_ERROR', message: 'The callback url is not a valid URL' });
    }
    const error = q.get('error');
    if (error) {
      throw new AuthenticationError({
        status: 0,
        code: 'OAUTH_ERROR',
        message: `OAuth provider returned an error: ${error}`,
      });
    }
    code = q.get('code') ?? undefined;
    state = q.get('state') ?? undefined;
  }
  if (!code || !state)
    throw new ValidationError({ code: 'VALIDATION_ERROR', message: 'The callback has no code or state' });
  const expected = params.expectedState;
  if (typeof expected !== 'string' || !expected) {
    throw new ValidationError({
      code: 'OAUTH_STATE_MISSING',
      message: 'No OAuth state was issued to this client: start the sign-in with getOAuthUrl first',
    });
  }
  if (expected !== state) {
    throw new ValidationError({
      code: 'OAUTH_STATE_MISMATCH',
      message: 'OAuth state does not match the one this app issued',
    });
  }
  const result = await request(janua, {
    ...options,
    method: 'GET',
    path: `/auth/oauth/callback/${provider}`,
    auth: 'none',
    query: { code, state },
    maxRetries: 0, // the code and state are single use: a retry could only fail
    map: toCallbackResult,
  });
  if (result.tokens) await setTokens(janua, result.tokens);
  return result;
}

// Runs inside `map`: a body it cannot read is INVALID_RESPONSE before any token is stored.
function toCallbackResult(wire: WireOAuthCallback, janua: Janua): OAuthCallbackResult {
  const user: OAuthUser = {
    id: wire.user.id,
    email: wire.user.email,
    firstName: wire.user.first_name,
    lastName: wire.user.last_name,
    profileImageUrl: toAbsoluteUrl(wire.user.profile_image_url, janua),
  };
  return 'access_token' in wire
    ? { user, isNewUser: wire.is_new_user, tokens: toStoredTokens(wire) }
    : { user, isNewUser: wire.is_new_user, tokens: null, redirectUrl: wire.redirect_url };
}
