import type { AuthStateEvent, AuthStateListener, Janua } from '../janua';
import { decodeJwtExpiry } from './decode-jwt-expiry';
import type { StoredTokens } from './token-store';

/** The wire token pair (contract §3.1). */
export interface WireTokenResponse {
  access_token: string;
  refresh_token: string;
  token_type: string;
  expires_in: number;
}

/**
 * @internal Converts the wire pair to the stored form; `exp` from the JWT wins over `expires_in`.
 * Throws a `TypeError` (inside a `map`: `INVALID_RESPONSE`) for a pair that is not one: stored, a
 * missing refresh token or expiry would break refresh for the whole session.
 */
export function toStoredTokens(wire: WireTokenResponse, now = Date.now()): StoredTokens {
  const { access_token: accessToken, refresh_token: refreshToken, expires_in: expiresIn } = wire;
  // A non-string access token already fails here (no `split`).
  const exp = decodeJwtExpiry(accessToken);
  if (typeof refreshToken !== 'string' || (exp === null && typeof expiresIn !== 'number')) {
    throw new TypeError('Not a token pair');
  }
  return { accessToken, refreshToken, expiresAt: exp !== null ? exp * 1000 : now + expiresIn * 1000 };
}

/** @internal Notifies this view's listeners; a throwing listener never breaks the SDK call. */
export function emitAuthState(janua: Janua, event: AuthStateEvent, tokens: StoredTokens | null): void {
  const warn = (err: unknown) =>
    janua._internal.shared.logger.warn(`[janua] onAuthStateChange listener threw: ${String(err)}`);
  for (const listener of janua._internal.listeners) {
    try {
      // An async listener's rejection would otherwise be unhandled: fatal in Node by default.
      Promise.resolve(listener(event, tokens)).catch(warn);
    } catch (err) {
      warn(err);
    }
  }
}

/**
 * Stores a token pair (e.g. from a sign-in done elsewhere) and emits `SIGNED_IN`.
 *
 * @example
 * ```ts
 * await setTokens(janua, { accessToken, refreshToken, expiresAt: Date.now() + 3600_000 });
 * ```
 */
export async function setTokens(
  janua: Janua,
  tokens: StoredTokens,
  event: AuthStateEvent = 'SIGNED_IN',
): Promise<void> {
  await janua.tokenStore.set(tokens);
  emitAuthState(janua, event, tokens);
}

/**
 * Returns the stored tokens, or null when signed out.
 *
 * @example
 * ```ts
 * const tokens = await getTokens(janua);
 * if (tokens) console.log('expires', new Date(tokens.expiresAt));
 * ```
 */
export async function getTokens(janua: Janua): Promise<StoredTokens | null> {
  return (await janua.tokenStore.get()) ?? null;
}

/**
 * Forgets the stored tokens locally (no request) and emits `SIGNED_OUT`.
 *
 * @example
 * ```ts
 * await clearTokens(janua);
 * ```
 */
export async function clearTokens(janua: Janua): Promise<void> {
  await janua.tokenStore.set(null);
  emitAuthState(janua, 'SIGNED_OUT', null);
}

/**
 * Subscribes to sign-in, refresh and sign-out of this instance (or view).
 *
 * @returns A function that unsubscribes.
 * @example
 * ```ts
 * const off = onAuthStateChange(janua, (event) => console.log(event)); // 'SIGNED_IN' | 'TOKEN_REFRESHED' | 'SIGNED_OUT'
 * off();
 * ```
 */
export function onAuthStateChange(janua: Janua, listener: AuthStateListener): () => void {
  janua._internal.listeners.add(listener);
  return () => {
    janua._internal.listeners.delete(listener);
  };
}
