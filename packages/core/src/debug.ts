import type { Janua } from './janua';

/**
 * Turns on debug logging for `janua` and every view made from it: one line per attempt with
 * method, path, status, duration, attempt and request id. Bodies and headers are never logged,
 * and sensitive query values (passwords, codes, tokens) are redacted.
 *
 * @example
 * ```ts
 * enableDebug(janua); // [janua] POST /api/v1/auth/signin 200 12ms attempt=1 id=…
 * ```
 */
export function enableDebug(janua: Janua): void {
  janua._internal.shared.debug = true;
}

/**
 * Turns debug logging off again.
 *
 * @example
 * ```ts
 * disableDebug(janua);
 * ```
 */
export function disableDebug(janua: Janua): void {
  janua._internal.shared.debug = false;
}
