import { assertUuid, type Janua, type RequestOptions, request } from '@janua/core';
import { toApiKey } from './internal/map';
import type { ApiKey } from './types';

/**
 * One API key by id (without its secret).
 *
 * @throws {ValidationError} when `apiKeyId` is not a UUID (no request is made).
 * @throws {NotFoundError} `API key not found` (also for other organizations' keys).
 * @example
 * ```ts
 * const key = await getApiKey(janua, { apiKeyId });
 * ```
 */
export async function getApiKey(
  janua: Janua,
  params: { apiKeyId: string },
  options: RequestOptions = {},
): Promise<ApiKey> {
  const id = assertUuid(params?.apiKeyId, 'apiKeyId');
  return request(janua, { ...options, method: 'GET', path: `/api-keys/${id}`, map: toApiKey });
}
