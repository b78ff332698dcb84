import { assertUuid, type Janua, type RequestOptions, request } from '@janua/core';

/**
 * Lifts a suspension (admin).
 *
 * @throws {ValidationError} `User is not suspended`.
 * @example
 * ```ts
 * await unsuspendUser(janua, { userId });
 * ```
 */
export async function unsuspendUser(
  janua: Janua,
  params: { userId: string },
  options: RequestOptions = {},
): Promise<void> {
  const id = assertUuid(params?.userId, 'userId');
  await request(janua, { ...options, method: 'POST', path: `/users/${id}/reactivate` });
}
