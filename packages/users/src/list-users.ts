import {
  createPage,
  type Janua,
  type Page,
  type PageParams,
  type RequestOptions,
  request,
  toPageQuery,
} from '@janua/core';
import { toUser } from './internal/map';
import type { User, UserStatus } from './types';
import type { WireUserList } from './wire';

/** Filters and paging of {@link listUsers}. `offset` must be a multiple of `limit` (default 20, max 100). */
export interface ListUsersParams extends PageParams {
  /** Substring of email, first/last name or username, case-insensitive. */
  search?: string;
  status?: UserStatus;
  /** Honoured by servers that support it (the dev server); ignored upstream, never post-filtered. */
  emailVerified?: boolean;
}

/**
 * One page of users. Non-admins see users who share an organization with them; an API key sees
 * its organization's users.
 *
 * @example
 * ```ts
 * const { data, total, hasMore } = await listUsers(janua, { limit: 50, search: 'ada' });
 * ```
 */
export async function listUsers(
  janua: Janua,
  params?: ListUsersParams,
  options: RequestOptions = {},
): Promise<Page<User>> {
  // A default covers only `undefined`; untyped callers also pass `null`.
  params ??= {};
  const paging = toPageQuery(params);
  return request(janua, {
    ...options,
    method: 'GET',
    path: '/users',
    query: { ...paging, search: params.search, status: params.status, email_verified: params.emailVerified },
    map: (wire: WireUserList) =>
      createPage(
        wire.users.map((u) => toUser(u, janua)),
        { total: wire.total, offset: params.offset, limit: paging.per_page },
      ),
  });
}
