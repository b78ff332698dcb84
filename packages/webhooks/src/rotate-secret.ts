import { type Janua, type RequestOptions, request, segment } from '@janua/core';
import type { EndpointParams } from './get-endpoint';
import { toEndpoint } from './internal/map';
import { requireId } from './internal/validate';
import type { WebhookEndpoint } from './types';

/**
 * Replaces an endpoint's signing secret (`POST /webhooks/{id}/regenerate-secret`). The old
 * secret stops signing immediately, so let the receiver accept both for the switch
 * (`secret: [next, previous]` in `verifyWebhookSignature`).
 *
 * @returns The endpoint with its new `secret`.
 * @throws {ValidationError} when `endpointId` is not a UUID (no request is made).
 * @throws {NotFoundError} `Webhook endpoint not found`.
 * @example
 * ```ts
 * const { secret } = await rotateSecret(janua, { endpointId });
 * ```
 */
export async function rotateSecret(
  janua: Janua,
  params: EndpointParams,
  options: RequestOptions = {},
): Promise<WebhookEndpoint> {
  const id = requireId(params?.endpointId, 'endpointId');
  return request(janua, {
    ...options,
    method: 'POST',
    path: `/webhooks/${segment(id)}/regenerate-secret`,
    map: toEndpoint,
  });
}
