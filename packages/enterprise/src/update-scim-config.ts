import { assertUuid, type Janua, type RequestOptions, request } from '@janua/core';
import { toScimConfig } from './internal/map';
import { requireBoolean, requireObject, requireScimProvider } from './internal/validate';
import type { ScimConfig, ScimProvider } from './types';

/** Input of {@link updateScimConfig}; omitted fields stay as they are. */
export interface UpdateScimConfigParams {
  organizationId: string;
  provider?: ScimProvider;
  enabled?: boolean;
  /** Replaces the whole settings object. */
  configuration?: Record<string, unknown>;
}

/**
 * Changes the organization's SCIM configuration, e.g. to enable or pause provisioning.
 *
 * @throws {ValidationError} for a bad `organizationId` or provider (no request is made).
 * @throws {NotFoundError} `SCIM configuration not found`.
 * @example
 * ```ts
 * await updateScimConfig(janua, { organizationId, enabled: false });
 * ```
 */
export async function updateScimConfig(
  janua: Janua,
  params: UpdateScimConfigParams,
  options: RequestOptions = {},
): Promise<ScimConfig> {
  const orgId = assertUuid(params?.organizationId, 'organizationId');
  const body = {
    provider: requireScimProvider(params.provider),
    enabled: requireBoolean(params.enabled, 'enabled'),
    configuration: requireObject(params.configuration, 'configuration'),
  };
  return request(janua, {
    ...options,
    method: 'PUT',
    path: `/organizations/${orgId}/scim/config`,
    body,
    map: toScimConfig,
  });
}
