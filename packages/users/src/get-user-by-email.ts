import { type Janua, NotFoundError, type RequestOptions } from '@janua/core';
import { requireEmail } from './internal/validate';
import { listUsers } from './list-users';
import type { User } from './types';

/**
 * The user with exactly this email (case-insensitive). The API has no lookup by email, so this
 * searches and matches exactly on the client.
 *
 * @throws {NotFoundError} when no visible user has this email.
 * @example
 * ```ts
 * const user = await getUserByEmail(janua, { email: 'ada@example.com' });
 * ```
 */
export async function getUserByEmail(
  janua: Janua,
  params: { email: string },
  options: RequestOptions = {},
): Promise<User> {
  const email = requireEmail(params?.email).toLowerCase();
  const page = await listUsers(janua, { search: email, limit: 100 }, options);
  const user = page.data.find((u) => u.email.toLowerCase() === email);
  if (!user) throw new NotFoundError({ status: 404, code: 'NOT_FOUND_ERROR', message: 'User not found' });
  return user;
}
