import { createPage, type Janua, type Page, type PageParams, type RequestOptions, request, segment } from '@janua/core';
import { toDelivery } from './internal/map';
import { requireId, requirePaging } from './internal/validate';
import type { WebhookDelivery } from './types';
import type { WireWebhookDelivery } from './wire';

/** Input of {@link listDeliveries}: one endpoint, offset paging (`limit` ≤ 1000, default 100). */
export interface ListDeliveriesParams extends PageParams {
  endpointId: string;
}

/**
 * Lists one endpoint's delivery attempts, newest first (`GET /webhooks/{id}/deliveries`). Each
 * attempt is one item: a delivery that failed twice and then succeeded shows attempts 3, 2, 1.
 * The API returns a bare array, so `hasMore` is "this page is full" and there is no `total`.
 *
 * @throws {ValidationError} a non-UUID `endpointId`, or `limit`/`offset` out of range (no request).
 * @throws {NotFoundError} `Webhook endpoint not found`.
 * @example
 * ```ts
 * const { data: [latest] } = await listDeliveries(janua, { endpointId, limit: 1 });
 * if (latest?.status === 'failed') console.log(latest.statusCode, latest.error);
 * ```
 */
export async function listDeliveries(
  janua: Janua,
  params: ListDeliveriesParams,
  options: RequestOptions = {},
): Promise<Page<WebhookDelivery>> {
  const id = requireId(params?.endpointId, 'endpointId');
  const limit = params.limit ?? 100;
  const offset = params.offset ?? 0;
  requirePaging(limit, offset);
  return request(janua, {
    ...options,
    method: 'GET',
    path: `/webhooks/${segment(id)}/deliveries`,
    query: { limit, offset },
    map: (wire: WireWebhookDelivery[]) => createPage(wire.map(toDelivery), { offset, limit }),
  });
}
