import { assertUuid, type Janua, type RequestOptions, request } from '@janua/core';
import { currentUserId } from './internal/current-user-id';
import { toUser, toWireUserUpdate } from './internal/map';
import type { User, UserUpdate } from './types';

/**
 * Updates a user's profile: your own through `PATCH /users/me`, anyone else's (admin) through
 * `PATCH /users/{id}`.
 *
 * @throws {ValidationError} for a non-UUID id (no request) or fields over their limits.
 * @throws {AuthorizationError} `Admin access required` for someone else's profile.
 * @example
 * ```ts
 * await updateUser(janua, { userId, displayName: 'Grace Hopper' });
 * ```
 */
export async function updateUser(
  janua: Janua,
  params: { userId: string } & UserUpdate,
  options: RequestOptions = {},
): Promise<User> {
  const id = assertUuid(params?.userId, 'userId');
  const { userId: _, ...update } = params;
  const path = id === (await currentUserId(janua)) ? '/users/me' : `/users/${id}`;
  return request(janua, { ...options, method: 'PATCH', path, body: toWireUserUpdate(update), map: toUser });
}
