import { assertUuid, type Janua, type RequestOptions, request } from '@janua/core';
import { ssoSettingsBody, toSsoConfiguration } from './internal/sso';
import { requireBoolean } from './internal/validate';
import type { SsoConfiguration, SsoSettingsParams } from './types';

/** Input of {@link updateSsoConfiguration}; omitted fields stay as they are. */
export interface UpdateSsoConfigurationParams extends SsoSettingsParams {
  organizationId: string;
  enabled?: boolean;
}

/**
 * Changes an organization's SSO configuration (platform admins), e.g. a new IdP certificate.
 *
 * @throws {ValidationError} for a bad `organizationId` (no request is made).
 * @throws {NotFoundError} `SSO configuration not found`.
 * @example
 * ```ts
 * await updateSsoConfiguration(janua, { organizationId, samlCertificate: newPem, enabled: true });
 * ```
 */
export async function updateSsoConfiguration(
  janua: Janua,
  params: UpdateSsoConfigurationParams,
  options: RequestOptions = {},
): Promise<SsoConfiguration> {
  const orgId = assertUuid(params?.organizationId, 'organizationId');
  return request(janua, {
    ...options,
    method: 'PUT',
    path: `/sso/configurations/${orgId}`,
    body: { ...ssoSettingsBody(params), enabled: requireBoolean(params.enabled, 'enabled') },
    map: toSsoConfiguration,
  });
}
