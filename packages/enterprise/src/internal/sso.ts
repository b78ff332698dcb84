import { parseDate } from '@janua/core';
import type { SsoConfiguration, SsoSettingsParams } from '../types';
import type { WireSsoConfiguration } from '../wire';
import { requireBoolean, requireObject, requireStringList } from './validate';

export function toSsoConfiguration(w: WireSsoConfiguration): SsoConfiguration {
  return {
    id: w.id,
    organizationId: w.organization_id,
    provider: w.provider,
    status: w.status,
    enabled: w.enabled,
    samlEntityId: w.saml_entity_id,
    samlAcsUrl: w.saml_acs_url,
    samlSsoUrl: w.saml_sso_url,
    oidcIssuer: w.oidc_issuer,
    oidcClientId: w.oidc_client_id,
    oidcAuthorizationUrl: w.oidc_authorization_url,
    jitProvisioning: w.jit_provisioning,
    defaultRole: w.default_role,
    allowedDomains: w.allowed_domains,
    createdAt: parseDate(w.created_at),
    updatedAt: parseDate(w.updated_at),
  };
}

/** The snake_case body of the settings shared by create and update, validated locally. */
export function ssoSettingsBody(p: SsoSettingsParams): Record<string, unknown> {
  return {
    saml_metadata_url: p.samlMetadataUrl,
    saml_metadata_xml: p.samlMetadataXml,
    saml_sso_url: p.samlSsoUrl,
    saml_slo_url: p.samlSloUrl,
    saml_certificate: p.samlCertificate,
    oidc_issuer: p.oidcIssuer,
    oidc_client_id: p.oidcClientId,
    oidc_client_secret: p.oidcClientSecret,
    oidc_discovery_url: p.oidcDiscoveryUrl,
    jit_provisioning: requireBoolean(p.jitProvisioning, 'jitProvisioning'),
    default_role: p.defaultRole,
    attribute_mapping: requireObject(p.attributeMapping, 'attributeMapping'),
    allowed_domains: requireStringList(p.allowedDomains, 'allowedDomains'),
  };
}
