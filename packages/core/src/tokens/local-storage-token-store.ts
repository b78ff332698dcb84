import type { StoredTokens, TokenStore } from './token-store';

/** Options of {@link createLocalStorageTokenStore}. */
export interface LocalStorageTokenStoreOptions {
  /** Storage key. Default `janua.tokens`. */
  key?: string;
  /** A `Storage` to use instead of `globalThis.localStorage` (e.g. `sessionStorage`). */
  storage?: Storage;
}

function isStoredTokens(v: unknown): v is StoredTokens {
  const t = v as StoredTokens;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof t.accessToken === 'string' &&
    typeof t.refreshToken === 'string' &&
    typeof t.expiresAt === 'number'
  );
}

/**
 * A browser store backed by `localStorage`, so a sign-in survives reloads and is shared by tabs.
 * Corrupt or foreign values read as "signed out" instead of throwing.
 *
 * @example
 * ```ts
 * const janua = createJanua({ baseUrl, tokenStorage: createLocalStorageTokenStore() });
 * ```
 */
export function createLocalStorageTokenStore(options: LocalStorageTokenStoreOptions = {}): TokenStore {
  const key = options.key ?? 'janua.tokens';
  const storage = () => options.storage ?? globalThis.localStorage;
  return {
    key,
    get() {
      try {
        const raw = storage().getItem(key);
        const parsed: unknown = raw ? JSON.parse(raw) : null;
        return isStoredTokens(parsed) ? parsed : null;
      } catch {
        return null;
      }
    },
    set(tokens) {
      if (tokens) storage().setItem(key, JSON.stringify(tokens));
      else storage().removeItem(key);
    },
  };
}
