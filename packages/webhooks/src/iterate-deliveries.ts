import { type Janua, paginate, type RequestOptions } from '@janua/core';
import { type ListDeliveriesParams, listDeliveries } from './list-deliveries';
import type { WebhookDelivery } from './types';

/**
 * Iterates over every delivery attempt of one endpoint, newest first, fetching pages of `limit`
 * (default 100) lazily.
 *
 * @throws {ValidationError} as {@link listDeliveries}.
 * @example
 * ```ts
 * let failed = 0;
 * for await (const d of iterateDeliveries(janua, { endpointId })) if (d.status === 'failed') failed++;
 * ```
 */
export function iterateDeliveries(
  janua: Janua,
  params: ListDeliveriesParams,
  options: RequestOptions = {},
): AsyncGenerator<WebhookDelivery, void, undefined> {
  return paginate((p) => listDeliveries(janua, p, options), params);
}
