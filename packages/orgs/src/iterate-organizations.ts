import { type Janua, paginate, type RequestOptions } from '@janua/core';
import { type ListOrganizationsParams, listOrganizations } from './list-organizations';
import type { Organization } from './types';

/**
 * Every organization the caller belongs to, fetched page by page as you iterate.
 *
 * @example
 * ```ts
 * for await (const org of iterateOrganizations(janua, { limit: 100 })) console.log(org.name);
 * ```
 */
export function iterateOrganizations(
  janua: Janua,
  params: ListOrganizationsParams = {},
  options: RequestOptions = {},
): AsyncGenerator<Organization, void, undefined> {
  return paginate((p) => listOrganizations(janua, p, options), params);
}
