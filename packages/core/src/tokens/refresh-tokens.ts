import { AuthenticationError } from '../errors/authentication-error';
import { isJanuaError } from '../errors/janua-error';
import type { Janua } from '../janua';
import { request } from '../request';
import type { StoredTokens } from './token-store';
import { clearTokens, emitAuthState, toStoredTokens, type WireTokenResponse } from './tokens';

/** Options of {@link refreshTokens}. */
export interface RefreshTokensOptions {
  /** @internal The pair a failed call used; skip the refresh if the store already moved on. */
  stale?: StoredTokens;
}

/**
 * Exchanges the stored refresh token for a new pair (rotation) and stores it. Concurrent callers
 * share one request (single flight), so N calls that find an expired token cause exactly one
 * `POST /auth/refresh`. The SDK calls this for you before expiry and after a 401.
 *
 * @returns The new tokens.
 * @throws {AuthenticationError} code `NOT_SIGNED_IN` when no refresh token is stored, or code
 *   `SESSION_EXPIRED` when the server rejects it (the tokens are then cleared and `SIGNED_OUT` is
 *   emitted; the server's error is the `cause`).
 * @example
 * ```ts
 * const tokens = await refreshTokens(janua);
 * ```
 */
export async function refreshTokens(janua: Janua, options: RefreshTokensOptions = {}): Promise<StoredTokens> {
  const { shared } = janua._internal;
  const store = janua.tokenStore;
  const inflight = shared.refreshes.get(store);
  if (inflight) return inflight;
  const run = async (): Promise<StoredTokens> => {
    const stored = (await store.get()) ?? null;
    // The store failed to save the last rotation, so it still holds a spent refresh token:
    // presenting it would get the whole family revoked. Use its successor until a save succeeds.
    const kept = shared.unsaved.get(store);
    const current = kept && stored?.refreshToken === kept[0] ? kept[1] : stored;
    if (!current?.refreshToken) {
      throw new AuthenticationError({ status: 401, code: 'NOT_SIGNED_IN', message: 'No refresh token is stored' });
    }
    // Another caller (or tab) already rotated the pair this caller saw: use the new one.
    if (options.stale && current.accessToken !== options.stale.accessToken) return current;
    let next: StoredTokens;
    try {
      next = await request(janua, {
        method: 'POST',
        path: '/auth/refresh',
        body: { refresh_token: current.refreshToken },
        auth: 'none',
        // A body without a token pair is INVALID_RESPONSE (status 200: nothing cleared), not a TypeError.
        map: (wire: WireTokenResponse) => toStoredTokens(wire),
      });
    } catch (err) {
      if (isJanuaError(err) && (err.status === 401 || err.status === 403)) {
        await clearTokens(janua);
        throw new AuthenticationError({
          status: err.status,
          // One stable code for "sign in again"; the server's own (often HTTP_ERROR) stays on `cause`.
          code: 'SESSION_EXPIRED',
          message: 'Session ended: the refresh token is invalid, expired or revoked',
          requestId: err.requestId,
          cause: err,
        });
      }
      throw err;
    }
    try {
      await store.set(next);
      shared.unsaved.delete(store);
    } catch (err) {
      // The pair is valid and the old one spent: keep it rather than fail the call or lose it.
      shared.unsaved.set(store, [(stored as StoredTokens).refreshToken, next]);
      shared.logger.warn(`[janua] token store set() failed (${(err as Error)?.name}); tokens kept in memory`);
    }
    emitAuthState(janua, 'TOKEN_REFRESHED', next);
    return next;
  };
  // Stores shared beyond this instance (localStorage across tabs) serialise the refresh themselves.
  const promise = store.lock ? store.lock(run) : run();
  shared.refreshes.set(store, promise);
  try {
    return await promise;
  } finally {
    if (shared.refreshes.get(store) === promise) shared.refreshes.delete(store);
  }
}
