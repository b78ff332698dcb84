import { type Janua, paginate, type RequestOptions } from '@janua/core';
import { type ListUsersParams, listUsers } from './list-users';
import type { User } from './types';

/**
 * Every user matching the filters, fetching pages lazily (default 100 per page).
 *
 * @example
 * ```ts
 * for await (const user of iterateUsers(janua, { status: 'suspended' })) console.log(user.email);
 * ```
 */
export function iterateUsers(
  janua: Janua,
  params: Omit<ListUsersParams, 'offset'> = {},
  options: RequestOptions = {},
): AsyncGenerator<User, void, undefined> {
  return paginate((p: ListUsersParams) => listUsers(janua, p, options), { limit: 100, ...params });
}
