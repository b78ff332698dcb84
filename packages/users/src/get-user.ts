import { assertUuid, type Janua, type RequestOptions, request } from '@janua/core';
import { toUser } from './internal/map';
import type { User } from './types';

/**
 * One user by id. Non-admins see themselves and users who share an organization with them.
 *
 * @throws {ValidationError} when `userId` is not a UUID (no request is made).
 * @throws {AuthorizationError} `Access denied`; `NotFoundError` `User not found`.
 * @example
 * ```ts
 * const user = await getUser(janua, { userId });
 * ```
 */
export async function getUser(janua: Janua, params: { userId: string }, options: RequestOptions = {}): Promise<User> {
  const id = assertUuid(params?.userId, 'userId');
  return request(janua, { ...options, method: 'GET', path: `/users/${id}`, map: toUser });
}
