import { isJanuaError, type Janua, NetworkError, type RequestOptions, request, ServerError } from '@janua/core';
import type { WireJwk, WireJwks } from '../wire';

/** One usable RS256 public key of a JWKS, imported lazily and then kept. */
export interface CachedKey {
  kid: string | undefined;
  key: () => Promise<CryptoKey>;
}

interface Entry {
  keys: Promise<CachedKey[]>;
  fetchedAt: number;
}

/** Default time a fetched JWKS is trusted before it is fetched again: 10 minutes. */
export const DEFAULT_JWKS_TTL_MS = 600_000;
// A token with an unknown kid may mean the server rotated its key, but anybody can mint such a
// token: refetch at most this often so a flood of garbage tokens cannot hammer the JWKS endpoint.
const REFETCH_COOLDOWN_MS = 30_000;

// Keyed by JWKS URL, not by instance: an edge worker usually creates its instance per request
// (env arrives with the request), and the cache must survive that. Created lazily so that
// importing this module does nothing.
let cache: Map<string, Entry> | undefined;

function jwksUrl(janua: Janua): string {
  return `${janua.config.baseUrl}/.well-known/jwks.json`;
}

function usable(jwk: WireJwk): boolean {
  return (
    jwk.kty === 'RSA' && (jwk.alg === undefined || jwk.alg === 'RS256') && (jwk.use === undefined || jwk.use === 'sig')
  );
}

function toCachedKey(jwk: WireJwk): CachedKey {
  let imported: Promise<CryptoKey> | undefined;
  return {
    kid: typeof jwk.kid === 'string' ? jwk.kid : undefined,
    key: () => {
      // WebCrypto directly rather than jose's importJWK, which carries every key type (~2 KB gzip).
      imported ??= crypto.subtle.importKey(
        'jwk',
        { kty: 'RSA', n: jwk.n, e: jwk.e, alg: 'RS256', ext: true },
        { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
        false,
        ['verify'],
      );
      return imported;
    },
  };
}

async function fetchKeys(janua: Janua, options: RequestOptions): Promise<CachedKey[]> {
  let jwks: WireJwks | undefined;
  try {
    jwks = await request<WireJwks>(janua, {
      signal: options.signal,
      timeoutMs: options.timeoutMs,
      maxRetries: options.maxRetries,
      method: 'GET',
      path: '/.well-known/jwks.json',
      root: true,
      auth: 'none',
    });
  } catch (err) {
    if (!isJanuaError(err) || err.code === 'ABORTED') throw err;
    const message = 'Could not fetch the signing keys (/.well-known/jwks.json) to verify the token';
    if (err.status === 0) throw new NetworkError({ code: 'JWKS_UNAVAILABLE', message, cause: err });
    throw new ServerError({
      status: err.status,
      code: 'JWKS_UNAVAILABLE',
      message,
      requestId: err.requestId,
      cause: err,
    });
  }
  const keys = Array.isArray(jwks?.keys) ? jwks.keys.filter(usable) : [];
  if (keys.length === 0) {
    // An HS256 deployment publishes `{"keys":[]}` (contract §3.4): nothing can be verified locally.
    throw new ServerError({
      status: 200,
      code: 'JWKS_UNAVAILABLE',
      message: 'The server publishes no RS256 signing key, so tokens cannot be verified locally',
    });
  }
  return keys.map(toCachedKey);
}

/**
 * The server's RS256 keys, from the cache while younger than `ttlMs`. Concurrent callers share one
 * fetch; a failed fetch is not cached.
 */
export function getKeys(janua: Janua, ttlMs: number, options: RequestOptions, force = false): Promise<CachedKey[]> {
  cache ??= new Map();
  const url = jwksUrl(janua);
  const now = Date.now();
  const entry = cache.get(url);
  if (entry) {
    const age = now - entry.fetchedAt;
    const fresh = force ? age < REFETCH_COOLDOWN_MS : age < ttlMs;
    if (fresh) return entry.keys;
  }
  const keys = fetchKeys(janua, options);
  const created: Entry = { keys, fetchedAt: now };
  cache.set(url, created);
  keys.catch(() => {
    if (cache?.get(url) === created) cache.delete(url);
  });
  return keys;
}
