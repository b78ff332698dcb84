/** Query values; arrays repeat the key, `undefined`/`null` are left out. */
export type QueryParams = Record<string, string | number | boolean | null | undefined | readonly string[]>;

// Contract §1.1: FastAPI answers the other form with a 307, so exact forms save a round trip.
const COLLECTIONS_WITH_SLASH = new Set([
  '/users',
  '/sessions',
  '/devices',
  '/organizations',
  '/passkeys',
  '/webhooks',
  '/invitations',
  '/audit-logs',
]);

/**
 * @internal The one place where `/api/v1` and the trailing-slash rules of §1.1 are applied.
 * `path` is written without a trailing slash; `root` paths (`/health`, `/.well-known/…`) get no prefix.
 */
export function buildUrl(baseUrl: string, path: string, query: QueryParams | undefined, root = false): string {
  let p = path.length > 1 ? path.replace(/\/+$/, '') : path;
  if (!root && COLLECTIONS_WITH_SLASH.has(p)) p += '/';
  let url = baseUrl + (root ? '' : '/api/v1') + p;
  if (query) {
    const qs = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value === undefined || value === null) continue;
      if (Array.isArray(value)) for (const v of value) qs.append(key, v);
      else qs.append(key, String(value));
    }
    const s = qs.toString();
    if (s) url += `?${s}`;
  }
  return url;
}

const SENSITIVE = /pass|token|secret|code|state|signature|payload|key|email|phone/i;
// The contract's one path that carries a secret: `GET /invitations/validate/{token}` (§4.5).
const SECRET_IN_PATH = /(\/invitations\/validate\/)[^/]+/;

/** @internal Path and query for logs, with values of sensitive query keys and the invitation token of a path redacted. */
export function redactedTarget(url: string): string {
  const u = new URL(url);
  const parts: string[] = [];
  u.searchParams.forEach((v, k) => {
    parts.push(`${k}=${SENSITIVE.test(k) ? '[REDACTED]' : encodeURIComponent(v)}`);
  });
  return u.pathname.replace(SECRET_IN_PATH, '$1[REDACTED]') + (parts.length ? `?${parts.join('&')}` : '');
}

/**
 * Encodes one path segment (an id or a slug) so that user input can never change the route.
 *
 * @example
 * ```ts
 * request(janua, { method: 'GET', path: `/users/${segment(id)}` });
 * ```
 */
export function segment(value: string): string {
  return encodeURIComponent(value);
}
