import { type Janua, type RequestOptions, request } from '@janua/core';
import { toUser } from './internal/map';
import type { User } from './types';

/**
 * The signed-in user's full profile (`GET /users/me`), with bio, phone, locale and metadata.
 *
 * @throws {AuthenticationError} when not signed in.
 * @example
 * ```ts
 * const profile = await getCurrentUserProfile(janua);
 * ```
 */
export async function getCurrentUserProfile(janua: Janua, options: RequestOptions = {}): Promise<User> {
  return request(janua, { ...options, method: 'GET', path: '/users/me', map: toUser });
}
