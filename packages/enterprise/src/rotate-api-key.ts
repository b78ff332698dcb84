import { assertUuid, type Janua, type RequestOptions, request } from '@janua/core';
import { toApiKeyWithSecret } from './internal/map';
import type { RotatedApiKey } from './types';
import type { WireApiKeyWithSecret } from './wire';

/**
 * Replaces an API key's secret; the old secret stops working immediately. The new full key is in
 * the result only now: store it.
 *
 * @throws {ValidationError} when `apiKeyId` is not a UUID (no request is made).
 * @example
 * ```ts
 * const { key } = await rotateApiKey(janua, { apiKeyId });
 * ```
 */
export async function rotateApiKey(
  janua: Janua,
  params: { apiKeyId: string },
  options: RequestOptions = {},
): Promise<RotatedApiKey> {
  const id = assertUuid(params?.apiKeyId, 'apiKeyId');
  return request(janua, {
    ...options,
    method: 'POST',
    path: `/api-keys/${id}/rotate`,
    map: (wire: WireApiKeyWithSecret) => ({
      ...toApiKeyWithSecret(wire),
      previousPrefix: wire.previous_prefix ?? null,
    }),
  });
}
