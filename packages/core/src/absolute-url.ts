import type { Janua } from './janua';

/**
 * Resolves a URL the server may send relative (avatars are `/uploads/avatars/<file>`, contract
 * §4.3) against the instance's `baseUrl`, so it works in an `<img src>` on another origin. Absolute
 * URLs (a CDN) come back unchanged; `null` stays `null`. Mappers call it inside `request`'s `map`,
 * where a malformed URL becomes `INVALID_RESPONSE`.
 *
 * @example
 * ```ts
 * toAbsoluteUrl('/uploads/avatars/a.png', janua); // 'http://localhost:4100/uploads/avatars/a.png'
 * ```
 */
export function toAbsoluteUrl<U extends string | null>(url: U, janua: Janua): U {
  return (url === null ? url : new URL(url, janua.config.baseUrl).href) as U;
}
