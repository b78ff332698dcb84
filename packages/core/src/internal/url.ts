import { ValidationError } from '../errors/validation-error';

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

// The contract's one path that carries a secret: `GET /invitations/validate/{token}` (§4.5).
const SECRET_IN_PATH = /(\/invitations\/validate\/)[^/]+/;

/**
 * @internal The request target for logs: path and query keys. Query values are never logged (a
 * deny-list of sensitive names would miss the next one), nor the invitation token of a path.
 */
export function logTarget(url: string, baseUrl: string): string {
  return url
    .slice(baseUrl.length)
    .replace(/=[^&]*/g, '')
    .replace(SECRET_IN_PATH, '$1[REDACTED]');
}

/**
 * Encodes one path segment (an id or a slug) so that user input can never change the route.
 *
 * @param field - Named in the error for an empty, `.` or `..` value.
 * @throws {ValidationError} for `""`, `"."` or `".."`, without a request.
 * @example
 * ```ts
 * request(janua, { method: 'GET', path: `/users/${segment(id)}` });
 * ```
 */
export function segment(value: string, field = 'id'): string {
  // encodeURIComponent leaves "." and ".." alone, and URL resolution would then climb a level
  // (`/organizations/slug/..` is the organizations list): those and "" are never a valid segment.
  if (/^\.{0,2}$/.test(value)) {
    const message = `${field} must not be empty, "." or ".."`;
    throw new ValidationError({
      code: 'VALIDATION_ERROR',
      message,
      fieldErrors: [{ field, message, type: 'value_error' }],
    });
  }
  return encodeURIComponent(value);
}
