import {
  createPage,
  type Janua,
  type Page,
  type PageParams,
  type RequestOptions,
  request,
  toPageQuery,
} from '@janua/core';
import { toOrganization } from './internal/map';
import type { Organization } from './types';
import type { WireOrganizationList } from './wire';

/** Input of {@link listOrganizations}: `offset` must be a multiple of `limit` (page-style endpoint). */
export type ListOrganizationsParams = PageParams;

/**
 * One page of the organizations the caller belongs to (or owns), oldest first.
 *
 * @throws {ValidationError} when `offset` is not a multiple of `limit` (no request is made).
 * @example
 * ```ts
 * const page = await listOrganizations(janua, { limit: 20 });
 * for (const org of page.data) console.log(org.slug, org.plan);
 * ```
 */
export async function listOrganizations(
  janua: Janua,
  params?: ListOrganizationsParams,
  options: RequestOptions = {},
): Promise<Page<Organization>> {
  // A default covers only `undefined`; untyped callers also pass `null`.
  params ??= {};
  const query = toPageQuery(params);
  return request(janua, {
    ...options,
    method: 'GET',
    path: '/organizations',
    query,
    map: (wire: WireOrganizationList) =>
      createPage(wire.organizations.map(toOrganization), {
        total: wire.total,
        offset: params.offset ?? 0,
        limit: query.per_page,
      }),
  });
}
