import { type Janua, type RequestOptions, request, segment } from '@janua/core';
import { toOrganizationSettings } from './internal/map';
import { requireId } from './internal/validate';
import type { OrganizationSettings } from './types';

/** Input of {@link getOrganizationSettings}. */
export interface GetOrganizationSettingsParams {
  organizationId: string;
}

/**
 * Reads an organization's settings record. Any member may.
 *
 * @throws {ValidationError} for a non-UUID id (no request is made).
 * @throws {AuthorizationError} `Not a member of this organization` (403).
 * @example
 * ```ts
 * const { settings } = await getOrganizationSettings(janua, { organizationId });
 * ```
 */
export async function getOrganizationSettings(
  janua: Janua,
  params: GetOrganizationSettingsParams,
  options: RequestOptions = {},
): Promise<OrganizationSettings> {
  const id = requireId(params?.organizationId, 'organizationId');
  return request(janua, {
    ...options,
    method: 'GET',
    path: `/organizations/${segment(id)}/settings`,
    map: toOrganizationSettings,
  });
}
