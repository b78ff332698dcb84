import { assertUuid, type Janua, type RequestOptions, request } from '@janua/core';

/**
 * Marks a session as active now (bumps `lastActivityAt`). It issues no tokens: use
 * `refreshTokens` from @janua/core for that.
 *
 * @throws {NotFoundError} `Session not found or revoked`.
 * @example
 * ```ts
 * await refreshSession(janua, { sessionId });
 * ```
 */
export async function refreshSession(
  janua: Janua,
  params: { sessionId: string },
  options: RequestOptions = {},
): Promise<void> {
  const id = assertUuid(params?.sessionId, 'sessionId');
  await request(janua, { ...options, method: 'POST', path: `/sessions/${id}/refresh` });
}
