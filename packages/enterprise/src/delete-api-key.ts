import { assertUuid, type Janua, type RequestOptions, request } from '@janua/core';

/**
 * Revokes an API key for good; requests with it get 401 `Invalid or revoked API key`.
 *
 * @throws {ValidationError} when `apiKeyId` is not a UUID (no request is made).
 * @example
 * ```ts
 * await deleteApiKey(janua, { apiKeyId });
 * ```
 */
export async function deleteApiKey(
  janua: Janua,
  params: { apiKeyId: string },
  options: RequestOptions = {},
): Promise<void> {
  const id = assertUuid(params?.apiKeyId, 'apiKeyId');
  await request<void>(janua, { ...options, method: 'DELETE', path: `/api-keys/${id}` });
}
