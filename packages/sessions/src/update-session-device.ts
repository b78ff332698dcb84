import { assertUuid, type Janua, type RequestOptions, request } from '@janua/core';
import { toSession } from './internal/map';
import type { Session } from './types';

/**
 * Names a session's device and/or trusts it (`trusted: true` adds a 30-day trusted-device record
 * for that session's User-Agent, `false` removes it). Designed-here route; older servers answer
 * 404.
 *
 * @example
 * ```ts
 * await updateSessionDevice(janua, { sessionId, name: 'Kitchen iPad', trusted: true });
 * ```
 */
export async function updateSessionDevice(
  janua: Janua,
  params: { sessionId: string; name?: string; trusted?: boolean },
  options: RequestOptions = {},
): Promise<Session> {
  const id = assertUuid(params?.sessionId, 'sessionId');
  return request(janua, {
    ...options,
    method: 'PATCH',
    path: `/sessions/${id}/device`,
    body: { name: params.name, trusted: params.trusted },
    map: toSession,
  });
}
