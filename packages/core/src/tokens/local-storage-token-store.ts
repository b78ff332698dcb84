import type { StoredTokens, TokenStore } from './token-store';

/** Options of {@link createLocalStorageTokenStore}. */
export interface LocalStorageTokenStoreOptions {
  /** Storage key. Default `janua.tokens`. */
  key?: string;
  /** A `Storage` to use instead of `globalThis.localStorage` (e.g. `sessionStorage`). */
  storage?: Storage;
}

type LockManager = {
  request<T>(name: string, options: { signal?: AbortSignal }, cb: () => Promise<T>): Promise<T>;
};

// Tabs sharing localStorage must not refresh twice: the second would present a rotated token
// and the server would revoke the whole family. The lock wait has a deadline so a hung tab
// cannot block the others forever. It lives here, not in refreshTokens, so that apps using other
// stores do not bundle it.
//
// The lock alone is not enough: a write reaches the other tabs' copies of localStorage
// asynchronously (Chromium sends it between processes), so a tab granted the lock right after the
// release can still read the pair that was just spent. The holder therefore keeps the lock for a
// moment after its refresh; its own callers get the new pair at once.
const HANDOVER_MS = 300;

async function acrossTabs<T>(key: string, run: () => Promise<T>): Promise<T> {
  const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
  if (!key || !locks) return run();
  let resolve!: (value: T) => void;
  let reject!: (err: unknown) => void;
  const result = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  locks
    .request(`janua-refresh:${key}`, { signal: AbortSignal.timeout(10_000) }, async () => {
      try {
        resolve(await run());
      } catch (err) {
        reject(err);
        return;
      }
      await new Promise((r) => setTimeout(r, HANDOVER_MS));
    })
    .catch((err: unknown) => {
      // Only the wait can fail here: past the deadline, refresh rather than hang.
      if ((err as { name?: string }).name === 'TimeoutError') run().then(resolve, reject);
      else reject(err);
    });
  return result;
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
 * Corrupt or foreign values read as "signed out" instead of throwing. Refreshes are serialised
 * across tabs with Web Locks (10 s deadline), so tabs never spend the same refresh token twice.
 * When storage refuses a write (quota, storage disabled), the tokens are kept in memory for the
 * page instead of being lost, until a write succeeds again.
 *
 * @example
 * ```ts
 * const janua = createJanua({ baseUrl, tokenStorage: createLocalStorageTokenStore() });
 * ```
 */
export function createLocalStorageTokenStore(options: LocalStorageTokenStoreOptions = {}): TokenStore {
  const key = options.key ?? 'janua.tokens';
  const storage = () => options.storage ?? globalThis.localStorage;
  // Set while storage refuses writes (quota full, storage disabled, Safari's old private mode):
  // the pair then lives in memory for this page. Dropping it would be worse than it looks: after a
  // refresh the old refresh token is already spent, so the next call would get the family revoked.
  let unsaved: { tokens: StoredTokens | null } | undefined;
  return {
    key,
    get() {
      if (unsaved) return unsaved.tokens;
      try {
        const raw = storage().getItem(key);
        const parsed: unknown = raw ? JSON.parse(raw) : null;
        return isStoredTokens(parsed) ? parsed : null;
      } catch {
        return null;
      }
    },
    set(tokens) {
      try {
        if (tokens) storage().setItem(key, JSON.stringify(tokens));
        else storage().removeItem(key);
        unsaved = undefined;
      } catch {
        unsaved = { tokens };
      }
    },
    lock: (refresh) => acrossTabs(key, refresh),
  };
}
