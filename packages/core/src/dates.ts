/**
 * Parses an API timestamp into a `Date`. The server emits naive UTC (`2026-01-01T12:34:56`,
 * contract §1.8), so a missing offset means UTC. Every public type of the SDK uses `Date`.
 *
 * @example
 * ```ts
 * parseDate('2026-01-01T12:34:56').toISOString(); // '2026-01-01T12:34:56.000Z'
 * ```
 */
export function parseDate(value: string): Date {
  return new Date(/(Z|[+-]\d{2}:?\d{2})$/.test(value) ? value : `${value}Z`);
}

/** Like {@link parseDate} for nullable fields. */
export function parseOptionalDate(value: string | null | undefined): Date | null {
  return value ? parseDate(value) : null;
}
