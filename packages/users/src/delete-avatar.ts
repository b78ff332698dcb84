import { type Janua, type RequestOptions, request } from '@janua/core';

/**
 * Removes the signed-in user's avatar.
 *
 * @example
 * ```ts
 * await deleteAvatar(janua);
 * ```
 */
export async function deleteAvatar(janua: Janua, options: RequestOptions = {}): Promise<void> {
  await request(janua, { ...options, method: 'DELETE', path: '/users/me/avatar' });
}
