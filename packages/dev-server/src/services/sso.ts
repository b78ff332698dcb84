import { X509Certificate } from 'node:crypto';
import { type CacheProvider, SAML, ValidateInResponseTo } from '@node-saml/node-saml';
import { iso } from '../clock';
import type { Dev } from '../context';
import { sql } from '../store/db';

export interface SsoConfigRow {
  id: string;
  organization_id: string;
  provider: string;
  enabled: number;
  settings: string;
  jit_provisioning: number;
  default_role: string;
  attribute_mapping: string;
  allowed_domains: string;
  created_at: number;
  updated_at: number;
}

/** Provider settings kept as one JSON column (`saml_*`, `oidc_*`). */
export interface SsoSettings {
  saml_metadata_url?: string | null;
  saml_metadata_xml?: string | null;
  saml_sso_url?: string | null;
  saml_slo_url?: string | null;
  saml_certificate?: string | null;
  saml_entity_id?: string | null;
  oidc_issuer?: string | null;
  oidc_client_id?: string | null;
  oidc_client_secret?: string | null;
  oidc_discovery_url?: string | null;
}

export const settingsOf = (r: SsoConfigRow) => JSON.parse(r.settings) as SsoSettings;

export function getSsoConfig(dev: Dev, orgId: string): SsoConfigRow | undefined {
  return sql(dev.db, 'SELECT * FROM sso_configurations WHERE organization_id = ?').get(orgId) as
    | SsoConfigRow
    | undefined;
}

/** The SP's entity id (also the audience it accepts) is per organization. */
export const spEntityId = (dev: Dev, orgId: string) => `${dev.config.url}/api/v1/sso/metadata/${orgId}`;
export const acsUrl = (dev: Dev) => `${dev.config.url}/api/v1/sso/saml/acs`;

/** The wire `SsoConfiguration` (§4.9); never the certificate body or the OIDC secret. */
export function toSsoConfiguration(dev: Dev, r: SsoConfigRow) {
  const s = settingsOf(r);
  const saml = r.provider === 'saml';
  const configured = saml ? !!(s.saml_sso_url && s.saml_certificate) : !!(s.oidc_issuer && s.oidc_client_id);
  return {
    id: r.id,
    organization_id: r.organization_id,
    provider: r.provider,
    status: !configured ? 'pending' : r.enabled === 1 ? 'active' : 'inactive',
    enabled: r.enabled === 1,
    saml_entity_id: s.saml_entity_id ?? null,
    saml_acs_url: saml ? acsUrl(dev) : null,
    saml_sso_url: s.saml_sso_url ?? null,
    oidc_issuer: s.oidc_issuer ?? null,
    oidc_client_id: s.oidc_client_id ?? null,
    oidc_authorization_url: s.oidc_issuer ? `${s.oidc_issuer.replace(/\/$/, '')}/authorize` : null,
    jit_provisioning: r.jit_provisioning === 1,
    default_role: r.default_role,
    allowed_domains: JSON.parse(r.allowed_domains) as string[],
    created_at: iso(r.created_at),
    updated_at: iso(r.updated_at),
  };
}

/** Pulls the signing certificate and SSO URL out of IdP metadata XML (first of each). */
export function parseIdpMetadata(xml: string): {
  certificate: string | null;
  ssoUrl: string | null;
  entityId: string | null;
} {
  const cert = /<(?:\w+:)?X509Certificate>\s*([A-Za-z0-9+/=\s]+?)\s*<\/(?:\w+:)?X509Certificate>/.exec(xml)?.[1];
  const sso = /<(?:\w+:)?SingleSignOnService\b[^>]*\bLocation="([^"]+)"/.exec(xml)?.[1];
  const entity = /<(?:\w+:)?EntityDescriptor\b[^>]*\bentityID="([^"]+)"/.exec(xml)?.[1];
  return { certificate: cert ? toPem(cert) : null, ssoUrl: sso ?? null, entityId: entity ?? null };
}

/** Normalises a bare base64 certificate or a PEM to PEM. */
export function toPem(cert: string): string {
  if (cert.includes('BEGIN CERTIFICATE')) return cert.trim();
  const body = cert.replace(/\s+/g, '');
  return `-----BEGIN CERTIFICATE-----\n${body.match(/.{1,64}/g)?.join('\n') ?? ''}\n-----END CERTIFICATE-----`;
}

export function parseCertificate(pem: string | null | undefined): X509Certificate | null {
  if (!pem) return null;
  try {
    return new X509Certificate(toPem(pem));
  } catch {
    return null;
  }
}

/** AuthnRequest ids for the `InResponseTo` check, in the store so they survive SAML instances; 10 min on the dev clock. */
function requestCache(dev: Dev): CacheProvider {
  const ttl = 10 * 60_000;
  return {
    async saveAsync(key, value) {
      const now = dev.clock.now();
      sql(dev.db, 'INSERT OR REPLACE INTO sso_saml_requests (id, value, created_at) VALUES (?,?,?)').run(
        key,
        value,
        now,
      );
      return { value, createdAt: now };
    },
    async getAsync(key) {
      const row = sql(dev.db, 'SELECT value, created_at FROM sso_saml_requests WHERE id = ?').get(key) as
        | { value: string; created_at: number }
        | undefined;
      return row && dev.clock.now() - row.created_at < ttl ? row.value : null;
    },
    async removeAsync(key) {
      if (key === null) return null;
      const row = sql(dev.db, 'SELECT value FROM sso_saml_requests WHERE id = ?').get(key) as
        | { value: string }
        | undefined;
      sql(dev.db, 'DELETE FROM sso_saml_requests WHERE id = ?').run(key);
      return row?.value ?? null;
    },
  };
}

/**
 * node-saml for one organization. Time checks are off here (`acceptedClockSkewMs: -1`) because
 * node-saml reads the wall clock; the ACS checks the window on the dev clock instead. Either a
 * signed Response or a signed Assertion is accepted, nothing unsigned.
 */
export function samlFor(dev: Dev, cfg: SsoConfigRow): SAML {
  const s = settingsOf(cfg);
  return new SAML({
    issuer: spEntityId(dev, cfg.organization_id),
    audience: spEntityId(dev, cfg.organization_id),
    callbackUrl: acsUrl(dev),
    entryPoint: s.saml_sso_url ?? undefined,
    idpCert: s.saml_certificate ? toPem(s.saml_certificate) : 'not-configured',
    idpIssuer: s.saml_entity_id ?? undefined,
    wantAuthnResponseSigned: false,
    wantAssertionsSigned: false,
    acceptedClockSkewMs: -1,
    validateInResponseTo: ValidateInResponseTo.ifPresent,
    cacheProvider: requestCache(dev),
    identifierFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
    disableRequestedAuthnContext: true,
  });
}
