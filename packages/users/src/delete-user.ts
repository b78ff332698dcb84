import { assertUuid, type Janua, type RequestOptions, request } from '@janua/core';

/**
 * Deletes a user (admin): soft by default (status `deleted`, sessions revoked), or permanently.
 * To delete your own account use `deleteCurrentUser`, which asks for the password.
 *
 * @throws {ValidationError} `Cannot delete your own account`.
 * @example
 * ```ts
 * await deleteUser(janua, { userId, permanent: true });
 * ```
 */
export async function deleteUser(
  janua: Janua,
  params: { userId: string; permanent?: boolean },
  options: RequestOptions = {},
): Promise<void> {
  const id = assertUuid(params?.userId, 'userId');
  await request(janua, {
    ...options,
    method: 'DELETE',
    path: `/admin/users/${id}`,
    query: { permanent: params.permanent ?? false },
  });
}
