import { type Janua, type RequestOptions, request, segment } from '@janua/core';
import type { EndpointParams } from './get-endpoint';
import { requireId } from './internal/validate';

/**
 * Deletes a webhook endpoint (`DELETE /webhooks/{id}`); queued retries to it are dropped.
 *
 * @throws {ValidationError} when `endpointId` is not a UUID (no request is made).
 * @throws {NotFoundError} `Webhook endpoint not found`.
 * @example
 * ```ts
 * await deleteEndpoint(janua, { endpointId });
 * ```
 */
export async function deleteEndpoint(
  janua: Janua,
  params: EndpointParams,
  options: RequestOptions = {},
): Promise<void> {
  const id = requireId(params?.endpointId, 'endpointId');
  await request(janua, { ...options, method: 'DELETE', path: `/webhooks/${segment(id)}` });
}
