import { type Janua, NotFoundError, type RequestOptions } from '@janua/core';
import { listSessions } from './list-sessions';
import type { Session } from './types';

/**
 * The session of the token in use (the list entry flagged `isCurrent`).
 *
 * @throws {NotFoundError} when the server does not flag any session as current.
 * @example
 * ```ts
 * const { id, expiresAt } = await getCurrentSession(janua);
 * ```
 */
export async function getCurrentSession(janua: Janua, options: RequestOptions = {}): Promise<Session> {
  const current = (await listSessions(janua, options)).find((s) => s.isCurrent);
  if (!current) throw new NotFoundError({ status: 404, code: 'NOT_FOUND_ERROR', message: 'Session not found' });
  return current;
}
