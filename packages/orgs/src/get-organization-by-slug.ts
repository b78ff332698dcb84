import { type Janua, type RequestOptions, request, segment } from '@janua/core';
import { toOrganization } from './internal/map';
import { requireString } from './internal/validate';
import type { Organization } from './types';

/** Input of {@link getOrganizationBySlug}. */
export interface GetOrganizationBySlugParams {
  slug: string;
}

/**
 * Looks an organization up by slug. Any signed-in user may; non-members get the public view
 * (`billingEmail` and `memberCount` null, `settings` empty).
 *
 * @throws {NotFoundError} `Organization not found` (404).
 * @example
 * ```ts
 * const org = await getOrganizationBySlug(janua, { slug: 'acme' });
 * ```
 */
export async function getOrganizationBySlug(
  janua: Janua,
  params: GetOrganizationBySlugParams,
  options: RequestOptions = {},
): Promise<Organization> {
  const slug = requireString(params?.slug, 'slug', 100);
  return request(janua, {
    ...options,
    method: 'GET',
    path: `/organizations/slug/${segment(slug, 'slug')}`,
    map: toOrganization,
  });
}
