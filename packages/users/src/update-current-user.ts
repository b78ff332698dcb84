import { type Janua, type RequestOptions, request } from '@janua/core';
import { toUser, toWireUserUpdate } from './internal/map';
import type { User, UserUpdate } from './types';

/**
 * Updates the signed-in user's profile (`PATCH /users/me`).
 *
 * @returns The updated profile.
 * @throws {ValidationError} for fields over their length limits (422, `fieldErrors`).
 * @example
 * ```ts
 * const user = await updateCurrentUser(janua, { displayName: 'Ada', userMetadata: { plan: 'pro' } });
 * ```
 */
export async function updateCurrentUser(janua: Janua, update: UserUpdate, options: RequestOptions = {}): Promise<User> {
  return request(janua, {
    ...options,
    method: 'PATCH',
    path: '/users/me',
    body: toWireUserUpdate(update ?? {}),
    map: toUser,
  });
}
