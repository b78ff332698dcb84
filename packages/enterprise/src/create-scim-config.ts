import { assertUuid, type Janua, type RequestOptions, request } from '@janua/core';
import { toScimConfig } from './internal/map';
import { requireBoolean, requireObject, requireScimProvider } from './internal/validate';
import type { ScimConfig, ScimProvider } from './types';

/** Input of {@link createScimConfig}. */
export interface CreateScimConfigParams {
  organizationId: string;
  /** Default `custom`. */
  provider?: ScimProvider;
  /** Default `false`: the SCIM endpoints answer only once enabled. */
  enabled?: boolean;
  /** Default: the server's own `…/api/v1/scim/v2`. */
  baseUrl?: string;
  /** Free-form settings kept with the configuration. */
  configuration?: Record<string, unknown>;
}

/**
 * Sets up SCIM provisioning for an organization (platform admin, org owner or org admin). The
 * result shows only a token prefix: call {@link rotateScimToken} to obtain a bearer token.
 *
 * @throws {ValidationError} for a bad `organizationId` or provider (no request is made).
 * @throws {ConflictError} when the organization already has one.
 * @throws {AuthorizationError} for members below admin.
 * @example
 * ```ts
 * const config = await createScimConfig(janua, { organizationId, provider: 'okta', enabled: true });
 * const { bearerToken } = await rotateScimToken(janua, { organizationId });
 * ```
 */
export async function createScimConfig(
  janua: Janua,
  params: CreateScimConfigParams,
  options: RequestOptions = {},
): Promise<ScimConfig> {
  const orgId = assertUuid(params?.organizationId, 'organizationId');
  const body = {
    provider: requireScimProvider(params.provider),
    enabled: requireBoolean(params.enabled, 'enabled'),
    base_url: params.baseUrl,
    configuration: requireObject(params.configuration, 'configuration'),
  };
  return request(janua, {
    ...options,
    method: 'POST',
    path: `/organizations/${orgId}/scim/config`,
    body,
    map: toScimConfig,
  });
}
