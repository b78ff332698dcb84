import { checkWire, type Janua, type RequestOptions, request } from '@janua/core';

/**
 * Signs out everywhere else: ends every session of the user except the current one.
 *
 * @returns How many sessions ended.
 * @example
 * ```ts
 * const { revokedCount } = await revokeOtherSessions(janua);
 * ```
 */
export async function revokeOtherSessions(
  janua: Janua,
  options: RequestOptions = {},
): Promise<{ revokedCount: number }> {
  return request(janua, {
    ...options,
    method: 'DELETE',
    path: '/sessions',
    map: (wire: { revoked_count: number }) => ({ revokedCount: checkWire(wire.revoked_count, 'number') }),
  });
}
