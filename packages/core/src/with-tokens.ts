import type { AuthStateListener, Janua } from './janua';
import { createMemoryTokenStore, type StoredTokens, type TokenStore } from './tokens/token-store';

const isStore = (v: unknown): v is TokenStore =>
  typeof v === 'object' && v !== null && typeof (v as TokenStore).get === 'function';

/**
 * Returns a per-request view of `janua` with its own token store. The view shares config, the
 * connection pool and debug state with `janua` but never its tokens: use one view per incoming
 * request on a server, so no request can act as another user.
 *
 * @param tokens - The caller's tokens, a custom store (e.g. backed by the user's session), or null.
 * @example
 * ```ts
 * app.get('/me', async (req) => {
 *   const userJanua = withTokens(janua, { accessToken: req.token, refreshToken: '', expiresAt: Infinity });
 *   return getCurrentUser(userJanua);
 * });
 * ```
 */
export function withTokens(janua: Janua, tokens: StoredTokens | TokenStore | null): Janua {
  return Object.freeze({
    config: janua.config,
    tokenStore: isStore(tokens) ? tokens : createMemoryTokenStore(tokens),
    _internal: Object.freeze({
      transport: janua._internal.transport,
      shared: janua._internal.shared,
      listeners: new Set<AuthStateListener>(),
    }),
  });
}
