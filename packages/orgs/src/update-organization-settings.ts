import { type Janua, type RequestOptions, request, segment, ValidationError } from '@janua/core';
import { toOrganizationSettings } from './internal/map';
import { requireId } from './internal/validate';
import type { OrganizationSettings } from './types';

/** Input of {@link updateOrganizationSettings}. */
export interface UpdateOrganizationSettingsParams {
  organizationId: string;
  /** Keys to set; merged into the existing settings (one level deep). */
  settings: Record<string, unknown>;
}

/**
 * Merges keys into an organization's settings (`PUT …/settings`, shallow merge). Needs `admin`
 * or `owner`.
 *
 * @throws {ValidationError} for a non-UUID id or a missing `settings` object (no request is made).
 * @throws {AuthorizationError} `Insufficient permissions` (403).
 * @example
 * ```ts
 * const { settings } = await updateOrganizationSettings(janua, { organizationId, settings: { theme: 'dark' } });
 * ```
 */
export async function updateOrganizationSettings(
  janua: Janua,
  params: UpdateOrganizationSettingsParams,
  options: RequestOptions = {},
): Promise<OrganizationSettings> {
  const id = requireId(params?.organizationId, 'organizationId');
  if (typeof params.settings !== 'object' || params.settings === null || Array.isArray(params.settings)) {
    throw new ValidationError({ code: 'VALIDATION_ERROR', message: 'settings must be an object' });
  }
  return request(janua, {
    ...options,
    method: 'PUT',
    path: `/organizations/${segment(id)}/settings`,
    body: { settings_data: params.settings },
    map: toOrganizationSettings,
  });
}
