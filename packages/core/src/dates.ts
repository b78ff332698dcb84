/**
 * Parses an API timestamp into a `Date`. The server emits naive UTC (`2026-01-01T12:34:56`,
 * contract §1.8), so a missing offset means UTC. Every public type of the SDK uses `Date`.
 *
 * @throws {TypeError} when the value is not a timestamp (inside a `request` `map`, the call then
 *   rejects with `INVALID_RESPONSE` rather than handing out an Invalid Date).
 * @example
 * ```ts
 * parseDate('2026-01-01T12:34:56').toISOString(); // '2026-01-01T12:34:56.000Z'
 * ```
 */
export function parseDate(value: string): Date {
  const date = new Date(/(Z|[+-]\d\d:?\d\d)$/.test(value) ? value : `${value}Z`);
  // V8's fallback parser reads nearly anything ("42Z" is the year 2042): ISO 8601 dates only.
  if (/^\d{4}-\d\d-\d\d/.test(value) && !Number.isNaN(+date)) return date;
  throw new TypeError('Not a timestamp');
}

/** Like {@link parseDate} for nullable fields. */
export function parseOptionalDate(value: string | null | undefined): Date | null {
  return value ? parseDate(value) : null;
}
