import { ValidationError } from './errors/validation-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Checks an id before it goes into a path, so a typo fails fast with a clear error instead of a
 * request (the API answers non-UUID ids with 400, 404, 422 or even 500 depending on the route).
 *
 * @returns The id, lower-cased.
 * @throws {ValidationError} when `value` is not a UUID.
 * @example
 * ```ts
 * const id = assertUuid(params.userId, 'userId');
 * ```
 */
export function assertUuid(value: unknown, field = 'id'): string {
  if (typeof value !== 'string' || !UUID.test(value)) {
    throw new ValidationError({
      code: 'VALIDATION_ERROR',
      message: `${field} must be a UUID`,
      fieldErrors: [{ field, message: `${field} must be a UUID`, type: 'uuid_parsing' }],
    });
  }
  return value.toLowerCase();
}
