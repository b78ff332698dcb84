import { assertUuid, type Janua, type RequestOptions, request } from '@janua/core';

/**
 * Ends one session: its refresh token stops working at once (through the route that revokes for
 * real upstream). Access tokens already issued stay valid until they expire, upstream.
 *
 * @throws {NotFoundError} `Session not found`.
 * @example
 * ```ts
 * await revokeSession(janua, { sessionId });
 * ```
 */
export async function revokeSession(
  janua: Janua,
  params: { sessionId: string },
  options: RequestOptions = {},
): Promise<void> {
  const id = assertUuid(params?.sessionId, 'sessionId');
  await request(janua, { ...options, method: 'DELETE', path: `/devices/sessions/${id}` });
}
