import { checkWire, type Janua, type RequestOptions, request } from '@janua/core';
import type { WebhookEventType } from './event-types';

/**
 * The event types the server accepts (`GET /webhooks/events/types`). The same 26 names are
 * available offline as `WEBHOOK_EVENT_TYPES`.
 *
 * @example
 * ```ts
 * const types = await listEventTypes(janua);
 * await createEndpoint(janua, { url, events: types.filter((t) => t.startsWith('user.')) });
 * ```
 */
export async function listEventTypes(janua: Janua, options: RequestOptions = {}): Promise<WebhookEventType[]> {
  return request(janua, {
    ...options,
    method: 'GET',
    path: '/webhooks/events/types',
    map: (wire: WebhookEventType[]) => checkWire(wire, 'array').map((type) => checkWire(type, 'string')),
  });
}
