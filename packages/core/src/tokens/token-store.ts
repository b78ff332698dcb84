/**
 * A token pair as stored by the SDK. `expiresAt` is the access token's expiry in Unix epoch
 * milliseconds, a plain number so that any store can persist it as JSON.
 */
export interface StoredTokens {
  accessToken: string;
  refreshToken: string;
  expiresAt: number;
}

/**
 * Where an instance keeps its tokens. Implement it to persist tokens elsewhere (a cookie, a
 * database row per user); methods may be sync or async.
 *
 * @example
 * ```ts
 * const store: TokenStore = { get: () => cache.get(userId) ?? null, set: (t) => void cache.set(userId, t) };
 * const janua = createJanua({ tokenStorage: store });
 * ```
 */
export interface TokenStore {
  get(): StoredTokens | null | Promise<StoredTokens | null>;
  set(tokens: StoredTokens | null): void | Promise<void>;
  /** Identifies shared storage (e.g. a `localStorage` key); informational. */
  readonly key?: string;
  /**
   * Runs `refresh` exclusively among everyone who shares this storage, e.g. other browser tabs.
   * Implement it when the stored pair can be read by more than one instance or process: refresh
   * tokens rotate, so a second concurrent refresh would present a spent token and the server would
   * revoke the whole session. Within one instance the SDK already shares one in-flight refresh.
   * `createLocalStorageTokenStore` implements it with Web Locks.
   */
  lock?<T>(refresh: () => Promise<T>): Promise<T>;
}

/**
 * The default store: tokens live in this object's memory only.
 *
 * @example
 * ```ts
 * const janua = createJanua({ tokenStorage: createMemoryTokenStore() });
 * ```
 */
export function createMemoryTokenStore(initial: StoredTokens | null = null): TokenStore {
  let current = initial;
  return {
    get: () => current,
    set: (tokens) => {
      current = tokens;
    },
  };
}
