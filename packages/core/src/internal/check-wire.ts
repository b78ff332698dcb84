/** What {@link checkWire} can require: a JSON type, with arrays and `null` told apart from objects. */
export type WireType = 'string' | 'number' | 'boolean' | 'object' | 'array';

/**
 * Returns `value` when it is of JSON type `type` (`'object'` is a non-null, non-array object),
 * else throws. For the fields a public type promises that nothing else reads (a missing timestamp
 * already makes `parseDate` throw): inside a `request` `map`, the throw makes the call reject with
 * `JanuaError` code `INVALID_RESPONSE` (with its status and request id) instead of resolving to a
 * value that breaks its declared type, e.g. `{ valid: undefined }` from a `200 {}`.
 *
 * @throws {TypeError} when `value` is not of `type`.
 * @example
 * ```ts
 * const valid = await request(janua, {
 *   method: 'POST',
 *   path: '/api-keys/verify',
 *   body: { key },
 *   map: (w: { valid: boolean }) => checkWire(w.valid, 'boolean'),
 * });
 * ```
 */
export function checkWire<T>(value: T, type: WireType): T {
  if ((Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value) === type) return value;
  throw new TypeError(`Expected ${type}`);
}
