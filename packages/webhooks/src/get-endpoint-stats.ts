import { type Janua, type RequestOptions, request, segment, ValidationError } from '@janua/core';
import { toStats } from './internal/map';
import { requireId } from './internal/validate';
import type { WebhookStats } from './types';

/** Input of {@link getEndpointStats}. */
export interface GetEndpointStatsParams {
  endpointId: string;
  /** The period, in days back from now. Default 7. */
  days?: number;
}

/**
 * Delivery statistics of one endpoint (`GET /webhooks/{id}/stats?days=`): attempts, successes,
 * failures, success rate and mean delivery time.
 *
 * @throws {ValidationError} a non-UUID `endpointId` or a `days` that is not a positive integer
 *   (no request is made).
 * @throws {NotFoundError} `Webhook endpoint not found`.
 * @example
 * ```ts
 * const stats = await getEndpointStats(janua, { endpointId, days: 30 });
 * console.log(`${stats.successRate}% of ${stats.totalDeliveries}`);
 * ```
 */
export async function getEndpointStats(
  janua: Janua,
  params: GetEndpointStatsParams,
  options: RequestOptions = {},
): Promise<WebhookStats> {
  const id = requireId(params?.endpointId, 'endpointId');
  const days = params.days ?? 7;
  if (!Number.isInteger(days) || days < 1) {
    const message = 'days must be a positive integer';
    throw new ValidationError({
      code: 'VALIDATION_ERROR',
      message,
      fieldErrors: [{ field: 'days', message, type: 'value_error' }],
    });
  }
  return request(janua, {
    ...options,
    method: 'GET',
    path: `/webhooks/${segment(id)}/stats`,
    query: { days },
    map: toStats,
  });
}
