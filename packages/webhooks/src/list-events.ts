import { createPage, type Janua, type Page, type PageParams, type RequestOptions, request, segment } from '@janua/core';
import { toEvent } from './internal/map';
import { requireId, requirePaging } from './internal/validate';
import type { WebhookEvent } from './webhook-event';
import type { WireWebhookEventList } from './wire';

/** Input of {@link listEvents}: one endpoint, offset paging (`limit` ≤ 1000, default 100). */
export interface ListEventsParams extends PageParams {
  endpointId: string;
}

/**
 * Lists the events sent to one endpoint, newest first (`GET /webhooks/{id}/events`).
 * `apiVersion` is null on these (the list does not carry it).
 *
 * @returns A page with `total`.
 * @throws {ValidationError} a non-UUID `endpointId`, or `limit`/`offset` out of range (no request).
 * @throws {NotFoundError} `Webhook endpoint not found`.
 * @example
 * ```ts
 * const { data, hasMore } = await listEvents(janua, { endpointId, limit: 50 });
 * for (const event of data) if (event.type === 'user.created') console.log(event.data.email);
 * ```
 */
export async function listEvents(
  janua: Janua,
  params: ListEventsParams,
  options: RequestOptions = {},
): Promise<Page<WebhookEvent>> {
  const id = requireId(params?.endpointId, 'endpointId');
  const limit = params.limit ?? 100;
  const offset = params.offset ?? 0;
  requirePaging(limit, offset);
  return request(janua, {
    ...options,
    method: 'GET',
    path: `/webhooks/${segment(id)}/events`,
    query: { limit, offset },
    map: (wire: WireWebhookEventList) => createPage(wire.events.map(toEvent), { total: wire.total, offset, limit }),
  });
}
