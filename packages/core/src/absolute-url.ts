import { checkWire } from './internal/check-wire';
import type { Janua } from './janua';

/**
 * Resolves a URL the server may send relative (avatars are `/uploads/avatars/<file>`, contract
 * §4.3) against the instance's `baseUrl` (the server root, path prefix included), so it works in an
 * `<img src>` on another origin. Absolute URLs (a CDN) come back unchanged; `null` stays `null`; a
 * non-string throws a `TypeError`. Mappers call it inside `request`'s `map`,
 * where a malformed URL becomes `INVALID_RESPONSE`.
 *
 * @example
 * ```ts
 * toAbsoluteUrl('/uploads/avatars/a.png', janua); // 'http://localhost:4100/uploads/avatars/a.png'
 * ```
 */
export function toAbsoluteUrl<U extends string | null>(url: U, janua: Janua): U {
  if (url === null) return url;
  const base = janua.config.baseUrl;
  // `baseUrl` is the server root and may carry a path prefix (`https://example.com/janua`, behind a
  // proxy): a server-relative path goes under it, as `/health` does. `new URL('/x', base)` would drop it.
  return (/^\/(?!\/)/.test(checkWire(url, 'string')) ? base + url : new URL(url, `${base}/`).href) as U;
}
