import {
  assertUuid,
  createPage,
  type Janua,
  type Page,
  type PageParams,
  type RequestOptions,
  request,
  toPageQuery,
} from '@janua/core';
import { toApiKey } from './internal/map';
import type { ApiKey } from './types';
import type { WireApiKeyList } from './wire';

/** Filters and paging of {@link listApiKeys}. `offset` must be a multiple of `limit` (default 20, max 100). */
export interface ListApiKeysParams extends PageParams {
  /** Without it: keys of every organization the caller belongs to (an API key: its own organization). */
  organizationId?: string;
  /** Include deactivated keys. Deleted keys are never listed. */
  includeInactive?: boolean;
}

/**
 * One page of API keys (without their secrets).
 *
 * @throws {ValidationError} for a bad `organizationId` or paging (no request is made).
 * @example
 * ```ts
 * const { data } = await listApiKeys(janua, { organizationId, includeInactive: true });
 * ```
 */
export async function listApiKeys(
  janua: Janua,
  params?: ListApiKeysParams,
  options: RequestOptions = {},
): Promise<Page<ApiKey>> {
  // A default covers only `undefined`; untyped callers also pass `null`.
  params ??= {};
  const orgId = params.organizationId === undefined ? undefined : assertUuid(params.organizationId, 'organizationId');
  const paging = toPageQuery(params);
  return request(janua, {
    ...options,
    method: 'GET',
    path: '/api-keys',
    query: { organization_id: orgId, ...paging, include_inactive: params.includeInactive },
    map: (wire: WireApiKeyList) =>
      createPage(wire.items.map(toApiKey), { total: wire.total, offset: params.offset, limit: paging.per_page }),
  });
}
