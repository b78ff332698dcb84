import { createPage, type Janua, type Page, type RequestOptions, request } from '@janua/core';
import { toEndpoint } from './internal/map';
import type { WebhookEndpoint } from './types';
import type { WireWebhookEndpointList } from './wire';

/** Input of {@link listEndpoints}. */
export interface ListEndpointsParams {
  /** Only enabled (true) or disabled (false) endpoints; all when absent. */
  enabled?: boolean;
}

/**
 * Lists the caller's webhook endpoints (`GET /webhooks/`). The API does not page this list, so
 * the page holds every endpoint and `hasMore` is false.
 *
 * @returns A page of endpoints with `total`.
 * @example
 * ```ts
 * const { data } = await listEndpoints(janua, { enabled: true });
 * for (const endpoint of data) console.log(endpoint.url, endpoint.events);
 * ```
 */
export async function listEndpoints(
  janua: Janua,
  params?: ListEndpointsParams,
  options: RequestOptions = {},
): Promise<Page<WebhookEndpoint>> {
  return request(janua, {
    ...options,
    method: 'GET',
    path: '/webhooks',
    // `?.`: a default covers only `undefined`; untyped callers also pass `null`.
    query: { is_active: params?.enabled },
    map: (wire: WireWebhookEndpointList) => createPage(wire.endpoints.map(toEndpoint), { total: wire.total }),
  });
}
