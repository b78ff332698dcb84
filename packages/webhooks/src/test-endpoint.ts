import { checkWire, type Janua, type RequestOptions, request, segment } from '@janua/core';
import type { EndpointParams } from './get-endpoint';
import { requireId } from './internal/validate';
import type { WireMessage } from './wire';

/**
 * Sends a `system.alert` test event to this endpoint only (`POST /webhooks/{id}/test`): one
 * attempt, no retries. The answer is the same whatever the receiver replied; read the outcome with
 * `listDeliveries(janua, { endpointId, limit: 1 })`.
 *
 * @returns The server's `{ message }` (`Test webhook sent successfully`).
 * @throws {ValidationError} when `endpointId` is not a UUID (no request is made).
 * @throws {NotFoundError} `Webhook endpoint not found`.
 * @example
 * ```ts
 * await testEndpoint(janua, { endpointId });
 * const { data: [delivery] } = await listDeliveries(janua, { endpointId, limit: 1 });
 * console.log(delivery?.status, delivery?.statusCode);
 * ```
 */
export async function testEndpoint(
  janua: Janua,
  params: EndpointParams,
  options: RequestOptions = {},
): Promise<{ message: string }> {
  const id = requireId(params?.endpointId, 'endpointId');
  return request(janua, {
    ...options,
    method: 'POST',
    path: `/webhooks/${segment(id)}/test`,
    map: (wire: WireMessage) => ({ message: checkWire(wire.message, 'string') }),
  });
}
