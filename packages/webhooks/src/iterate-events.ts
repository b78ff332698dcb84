import { type Janua, paginate, type RequestOptions } from '@janua/core';
import { type ListEventsParams, listEvents } from './list-events';
import type { WebhookEvent } from './webhook-event';

/**
 * Iterates over every event sent to one endpoint, newest first, fetching pages of `limit`
 * (default 100) lazily.
 *
 * @throws {ValidationError} as {@link listEvents}.
 * @example
 * ```ts
 * for await (const event of iterateEvents(janua, { endpointId })) console.log(event.type, event.id);
 * ```
 */
export function iterateEvents(
  janua: Janua,
  params: ListEventsParams,
  options: RequestOptions = {},
): AsyncGenerator<WebhookEvent, void, undefined> {
  return paginate((p) => listEvents(janua, p, options), params);
}
