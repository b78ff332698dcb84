import { type Janua, type RequestOptions, request, segment } from '@janua/core';
import { toEndpoint } from './internal/map';
import { requireId } from './internal/validate';
import type { WebhookEndpoint } from './types';

/** Input of {@link getEndpoint} and the other single-endpoint calls. */
export interface EndpointParams {
  endpointId: string;
}

/**
 * Reads one webhook endpoint (`GET /webhooks/{id}`), including its current `secret`.
 *
 * @throws {ValidationError} when `endpointId` is not a UUID (no request is made).
 * @throws {NotFoundError} `Webhook endpoint not found`.
 * @throws {AuthorizationError} `Permission denied` for someone else's endpoint.
 * @example
 * ```ts
 * const endpoint = await getEndpoint(janua, { endpointId });
 * ```
 */
export async function getEndpoint(
  janua: Janua,
  params: EndpointParams,
  options: RequestOptions = {},
): Promise<WebhookEndpoint> {
  const id = requireId(params?.endpointId, 'endpointId');
  return request(janua, { ...options, method: 'GET', path: `/webhooks/${segment(id)}`, map: toEndpoint });
}
