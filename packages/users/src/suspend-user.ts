import { assertUuid, type Janua, type RequestOptions, request } from '@janua/core';

/**
 * Suspends a user (admin): they cannot sign in and every session ends now. The reason is kept in
 * `userMetadata.suspension_reason`.
 *
 * @example
 * ```ts
 * await suspendUser(janua, { userId, reason: 'chargeback' });
 * ```
 */
export async function suspendUser(
  janua: Janua,
  params: { userId: string; reason?: string },
  options: RequestOptions = {},
): Promise<void> {
  const id = assertUuid(params?.userId, 'userId');
  await request(janua, { ...options, method: 'POST', path: `/users/${id}/suspend`, query: { reason: params.reason } });
}
