import { type Janua, type RequestOptions, request, segment } from '@janua/core';
import { toOrganization } from './internal/map';
import { optionalString, requireEmail, requireId } from './internal/validate';
import type { Organization } from './types';

/** Input of {@link updateOrganization}: absent fields stay unchanged. */
export interface UpdateOrganizationParams {
  organizationId: string;
  name?: string;
  description?: string;
  logoUrl?: string;
  billingEmail?: string;
  /** Replaces the whole settings object (use `updateOrganizationSettings` to merge). */
  settings?: Record<string, unknown>;
}

/**
 * Updates an organization. Needs `admin` or `owner`.
 *
 * @throws {ValidationError} for a non-UUID id (no request is made) or invalid fields.
 * @throws {AuthorizationError} `Insufficient permissions`, or `Not a member of this organization` (403).
 * @throws {NotFoundError} `Organization not found`.
 * @example
 * ```ts
 * const org = await updateOrganization(janua, { organizationId, description: 'Rockets' });
 * ```
 */
export async function updateOrganization(
  janua: Janua,
  params: UpdateOrganizationParams,
  options: RequestOptions = {},
): Promise<Organization> {
  const id = requireId(params?.organizationId, 'organizationId');
  return request(janua, {
    ...options,
    method: 'PATCH',
    path: `/organizations/${segment(id)}`,
    body: {
      name: optionalString(params.name, 'name', 200),
      description: optionalString(params.description, 'description', 1000),
      logo_url: optionalString(params.logoUrl, 'logoUrl', 500),
      billing_email: params.billingEmail === undefined ? undefined : requireEmail(params.billingEmail, 'billingEmail'),
      settings: params.settings,
    },
    map: toOrganization,
  });
}
