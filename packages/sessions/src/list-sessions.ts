import { type Janua, type RequestOptions, request } from '@janua/core';
import { toSession } from './internal/map';
import type { Session } from './types';
import type { WireSession } from './wire';

/**
 * The signed-in user's active sessions, most recently active first (the API returns them all;
 * there is no paging).
 *
 * @example
 * ```ts
 * const sessions = await listSessions(janua);
 * const others = sessions.filter((s) => !s.isCurrent);
 * ```
 */
export async function listSessions(janua: Janua, options: RequestOptions = {}): Promise<Session[]> {
  return request(janua, {
    ...options,
    method: 'GET',
    path: '/sessions',
    map: (wire: { sessions: WireSession[] }) => wire.sessions.map(toSession),
  });
}
