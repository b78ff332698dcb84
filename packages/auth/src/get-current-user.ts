import { type Janua, type RequestOptions, request, toAuthUser } from '@janua/core';
import type { AuthUser } from './types';

/**
 * The signed-in user (`GET /auth/me`); also the way to check that a token is still valid.
 *
 * @throws {AuthenticationError} when not signed in or the session has ended.
 * @example
 * ```ts
 * const me = await getCurrentUser(janua);
 * console.log(me.email, me.emailVerified);
 * ```
 */
export async function getCurrentUser(janua: Janua, options: RequestOptions = {}): Promise<AuthUser> {
  return request(janua, { ...options, method: 'GET', path: '/auth/me', map: toAuthUser });
}
