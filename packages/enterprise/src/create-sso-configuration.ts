import { assertUuid, type Janua, type RequestOptions, request, ValidationError } from '@janua/core';
import { ssoSettingsBody, toSsoConfiguration } from './internal/sso';
import type { SsoConfiguration, SsoSettingsParams } from './types';

/** Input of {@link createSsoConfiguration}. */
export interface CreateSsoConfigurationParams extends SsoSettingsParams {
  organizationId: string;
  provider: 'saml' | 'oidc';
  /** The IdP's entity id; responses must carry it as `Issuer`. Fixed after creation. */
  samlEntityId?: string;
}

/**
 * Configures SSO for an organization (platform admins). SAML: point the IdP at
 * {@link getSsoMetadata}'s SP metadata, or at `samlAcsUrl` of the result. OIDC: register
 * `<baseUrl>/api/v1/sso/oidc/callback` as the client's redirect URI at the provider.
 *
 * @throws {ValidationError} for a bad `organizationId` or provider (no request is made); 400
 *   `SSO configuration already exists for this organization`.
 * @throws {AuthorizationError} `Admin privileges required`.
 * @throws {NotFoundError} `Organization not found`.
 * @example
 * ```ts
 * await createSsoConfiguration(janua, {
 *   organizationId, provider: 'saml', samlSsoUrl: 'https://idp.example/sso', samlCertificate: pem,
 *   samlEntityId: 'https://idp.example', allowedDomains: ['example.com'],
 * });
 * await createSsoConfiguration(janua, {
 *   organizationId, provider: 'oidc', oidcIssuer: 'https://login.example.com',
 *   oidcClientId: 'janua', oidcClientSecret: process.env.OIDC_CLIENT_SECRET,
 * });
 * ```
 */
export async function createSsoConfiguration(
  janua: Janua,
  params: CreateSsoConfigurationParams,
  options: RequestOptions = {},
): Promise<SsoConfiguration> {
  const orgId = assertUuid(params?.organizationId, 'organizationId');
  if (params.provider !== 'saml' && params.provider !== 'oidc') {
    const message = 'provider must be "saml" or "oidc"';
    throw new ValidationError({
      code: 'VALIDATION_ERROR',
      message,
      fieldErrors: [{ field: 'provider', message, type: 'value_error' }],
    });
  }
  return request(janua, {
    ...options,
    method: 'POST',
    path: '/sso/configurations',
    query: { organization_id: orgId },
    body: { provider: params.provider, saml_entity_id: params.samlEntityId, ...ssoSettingsBody(params) },
    map: toSsoConfiguration,
  });
}
