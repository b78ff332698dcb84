import { assertUuid, type Janua, type RequestOptions, request } from '@janua/core';
import { toSession } from './internal/map';
import type { Session } from './types';

/**
 * One of the signed-in user's sessions.
 *
 * @throws {ValidationError} for a non-UUID id (no request); `NotFoundError` `Session not found`.
 * @example
 * ```ts
 * const session = await getSession(janua, { sessionId });
 * ```
 */
export async function getSession(
  janua: Janua,
  params: { sessionId: string },
  options: RequestOptions = {},
): Promise<Session> {
  const id = assertUuid(params?.sessionId, 'sessionId');
  return request(janua, { ...options, method: 'GET', path: `/sessions/${id}`, map: toSession });
}
