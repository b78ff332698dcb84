import { type Janua, type RequestOptions, request, segment } from '@janua/core';
import type { WebhookEventType } from './event-types';
import { toEndpoint } from './internal/map';
import { requireId } from './internal/validate';
import type { WebhookEndpoint } from './types';
import type { WireWebhookEndpointUpdate } from './wire';

/** Input of {@link updateEndpoint}: absent fields stay as they are. */
export interface UpdateEndpointParams {
  endpointId: string;
  url?: string;
  /** Replaces the subscribed event types. */
  events?: WebhookEventType[];
  enabled?: boolean;
  description?: string | null;
  /** Replaces the extra delivery headers. */
  headers?: Record<string, string> | null;
}

/**
 * Changes a webhook endpoint (`PATCH /webhooks/{id}`); `enabled: false` pauses deliveries.
 *
 * @throws {ValidationError} a non-UUID `endpointId` (no request); 422 for unknown events or a bad URL.
 * @throws {NotFoundError} `Webhook endpoint not found`.
 * @example
 * ```ts
 * await updateEndpoint(janua, { endpointId, events: ['user.created', 'user.deleted'], enabled: true });
 * ```
 */
export async function updateEndpoint(
  janua: Janua,
  params: UpdateEndpointParams,
  options: RequestOptions = {},
): Promise<WebhookEndpoint> {
  const id = requireId(params?.endpointId, 'endpointId');
  const body: WireWebhookEndpointUpdate = {
    url: params.url,
    events: params.events,
    is_active: params.enabled,
    description: params.description,
    headers: params.headers,
  };
  return request(janua, { ...options, method: 'PATCH', path: `/webhooks/${segment(id)}`, body, map: toEndpoint });
}
