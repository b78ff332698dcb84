import { createHash, randomUUID, timingSafeEqual, X509Certificate } from 'node:crypto';
import { type CacheProvider, SAML, ValidateInResponseTo } from '@node-saml/node-saml';
import { getVerifiedXml, parseDomFromString } from '@node-saml/node-saml/lib/xml.js';
import { iso } from '../clock';
import type { Dev } from '../context';
import { HttpError } from '../errors';
import { sql } from '../store/db';
import { ownedBy, recordAccountOrigin } from './account-origins';
import { getMember } from './orgs';
import { createSession, type SessionRow } from './sessions';
import type { TokenPair } from './tokens';
import { getUserByEmail, getUserById, insertUser, type UserRow, updateUser } from './users';

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
export const oidcCallbackUrl = (dev: Dev) => `${dev.config.url}/api/v1/sso/oidc/callback`;

export const SSO_FAILED = 'SSO authentication failed';

/**
 * Login-CSRF binding: `/sso/initiate` puts a hash of the OIDC state (or of the SAML AuthnRequest
 * id) in a cookie of the browser that started the sign-in; the callback/ACS requires it back.
 */
export const bindingOf = (value: string) => createHash('sha256').update(value).digest('base64url');

export function bindingMatches(cookie: string | undefined, value: string): boolean {
  if (!cookie) return false;
  const a = Buffer.from(cookie);
  const b = Buffer.from(bindingOf(value));
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Every refused SSO sign-in looks the same to the browser; the reason goes to the audit log only. */
export function ssoFailure(dev: Dev, reason: string, orgId: string | null): never {
  dev.events.emit('sso.signin_failed', { organizationId: orgId, reason });
  throw new HttpError(401, SSO_FAILED);
}

/** Who the IdP vouched for, whatever the protocol (SAML assertion or OIDC id_token). */
export interface SsoIdentity {
  email: string;
  firstName: string | null;
  lastName: string | null;
  /** The asserting party: the OIDC `iss`, or the SAML IdP entity id. */
  issuer: string;
  /** Its stable name for the person: the OIDC `sub`, or the SAML NameID. */
  subject: string;
}

/** A refused sign-in the user can act on (403 with a reason), also in the audit log. */
function ssoRefused(dev: Dev, orgId: string, reason: string, message: string): never {
  dev.events.emit('sso.signin_failed', { organizationId: orgId, reason });
  throw new HttpError(403, message);
}

export const SSO_ACCOUNT_NOT_LINKED = "This account cannot sign in with this organization's SSO";

interface SsoIdentityRow {
  id: string;
  configuration_id: string;
  user_id: string;
  issuer: string;
  subject: string;
}

function linkIdentity(dev: Dev, cfg: SsoConfigRow, userId: string, identity: SsoIdentity): void {
  sql(
    dev.db,
    'INSERT INTO sso_identities (id, configuration_id, user_id, issuer, subject, created_at) VALUES (?,?,?,?,?,?)',
  ).run(randomUUID(), cfg.id, userId, identity.issuer, identity.subject, dev.clock.now());
}

/**
 * Which account an IdP assertion may sign in. An organization's IdP speaks for that organization
 * only: it may sign in an account already linked to this configuration, or link an account the
 * organization itself created (JIT through one of its SSO configurations, or its own SCIM
 * provisioning); an unknown email is created by JIT. Any other pre-existing account is refused even
 * when it is a member: membership can be granted without the account holder's consent
 * (`members/add`), so it proves nothing about who controls the IdP's claim. A platform admin is
 * never signed in by an organization's IdP, whatever it asserts.
 */
function accountFor(dev: Dev, cfg: SsoConfigRow, identity: SsoIdentity, email: string): UserRow {
  const orgId = cfg.organization_id;
  const link = sql(
    dev.db,
    'SELECT * FROM sso_identities WHERE configuration_id = ? AND issuer = ? AND subject = ?',
  ).get(cfg.id, identity.issuer, identity.subject) as SsoIdentityRow | undefined;
  if (link) {
    const linked = getUserById(dev, link.user_id);
    if (!linked || linked.status === 'deleted') return ssoFailure(dev, 'linked account no longer exists', orgId);
    if (linked.is_admin === 1) return ssoRefused(dev, orgId, 'platform admin account', SSO_ACCOUNT_NOT_LINKED);
    // Links are made only for accounts this organization created; one that is not is stale.
    if (!ownedBy(dev, linked.id, orgId))
      return ssoRefused(dev, orgId, 'existing account not created by this organization', SSO_ACCOUNT_NOT_LINKED);
    return linked;
  }
  const existing = getUserByEmail(dev, email);
  if (existing && existing.status !== 'deleted') {
    if (existing.is_admin === 1) return ssoRefused(dev, orgId, 'platform admin account', SSO_ACCOUNT_NOT_LINKED);
    const other = sql(dev.db, 'SELECT id FROM sso_identities WHERE configuration_id = ? AND user_id = ?').get(
      cfg.id,
      existing.id,
    );
    if (other) return ssoRefused(dev, orgId, 'account linked to another subject', SSO_ACCOUNT_NOT_LINKED);
    if (!ownedBy(dev, existing.id, orgId)) {
      return ssoRefused(dev, orgId, 'existing account not created by this organization', SSO_ACCOUNT_NOT_LINKED);
    }
    linkIdentity(dev, cfg, existing.id, identity);
    return existing;
  }
  if (cfg.jit_provisioning !== 1) {
    return ssoRefused(dev, orgId, 'unknown user, JIT off', 'User is not provisioned for this organization');
  }
  const created = insertUser(dev, {
    id: randomUUID(),
    email,
    email_verified: 1,
    first_name: identity.firstName,
    last_name: identity.lastName,
  });
  recordAccountOrigin(dev, created.id, orgId, 'sso', cfg.id);
  dev.events.emit('user.created', { user: created, via: 'sso' });
  linkIdentity(dev, cfg, created.id, identity);
  return created;
}

/**
 * The common end of SAML ACS and OIDC callback: domain check, the account (see `accountFor`),
 * JIT membership with the configuration's `default_role`, then a new session remembered as this
 * configuration's (single logout ends only those). The identity must already be verified.
 */
export async function signInWithSso(
  dev: Dev,
  cfg: SsoConfigRow,
  identity: SsoIdentity,
  client: { ip: string | null; userAgent: string | null },
): Promise<{ user: UserRow; session: SessionRow; tokens: TokenPair }> {
  const email = identity.email.toLowerCase();
  if (!/^[^@\s]+@[^@\s]+$/.test(email))
    return ssoFailure(dev, 'no email from the identity provider', cfg.organization_id);
  if (!identity.issuer || !identity.subject)
    return ssoFailure(dev, 'no subject from the identity provider', cfg.organization_id);
  const domains = JSON.parse(cfg.allowed_domains) as string[];
  if (domains.length > 0 && !domains.includes(email.split('@')[1] as string)) {
    return ssoRefused(
      dev,
      cfg.organization_id,
      'domain not allowed',
      'Email domain is not allowed for this organization',
    );
  }
  const user = accountFor(dev, cfg, identity, email);
  if (user.status !== 'active') return ssoFailure(dev, 'account not active', cfg.organization_id);
  const member = getMember(dev, cfg.organization_id, user.id);
  if (member?.status !== 'active') {
    // Only this configuration's own accounts get here (see accountFor). A removed membership comes
    // back through JIT as before; any other state (e.g. suspended) is the organization's decision.
    if ((member && member.status !== 'removed') || cfg.jit_provisioning !== 1) {
      return ssoRefused(
        dev,
        cfg.organization_id,
        'not an active member',
        'User is not provisioned for this organization',
      );
    }
    if (member) {
      sql(dev.db, "UPDATE organization_members SET status = 'active', role = ?, joined_at = ? WHERE id = ?").run(
        cfg.default_role,
        dev.clock.now(),
        member.id,
      );
    } else {
      sql(
        dev.db,
        'INSERT INTO organization_members (id, organization_id, user_id, role, status, joined_at) VALUES (?,?,?,?,?,?)',
      ).run(randomUUID(), cfg.organization_id, user.id, cfg.default_role, 'active', dev.clock.now());
    }
    dev.events.emit('organization.member.added', {
      organization_id: cfg.organization_id,
      user_id: user.id,
      role: cfg.default_role,
    });
  }
  const signedIn = updateUser(dev, user.id, { last_sign_in_at: dev.clock.now(), failed_attempts: 0 });
  const { session, tokens } = await createSession(dev, signedIn, client);
  sql(dev.db, 'INSERT INTO sso_sessions (session_id, configuration_id, created_at) VALUES (?,?,?)').run(
    session.id,
    cfg.id,
    dev.clock.now(),
  );
  dev.events.emit('session.created', { user: signedIn, session, method: 'sso' });
  return { user: signedIn, session, tokens };
}

/** Deletes a configuration with its account links and its record of sessions. */
export function deleteSsoConfig(dev: Dev, cfg: SsoConfigRow): void {
  sql(dev.db, 'DELETE FROM sso_identities WHERE configuration_id = ?').run(cfg.id);
  sql(dev.db, 'DELETE FROM sso_sessions WHERE configuration_id = ?').run(cfg.id);
  sql(dev.db, 'DELETE FROM sso_configurations WHERE id = ?').run(cfg.id);
}

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
  sloUrl: string | null;
  entityId: string | null;
} {
  const cert = /<(?:\w+:)?X509Certificate>\s*([A-Za-z0-9+/=\s]+?)\s*<\/(?:\w+:)?X509Certificate>/.exec(xml)?.[1];
  const sso = /<(?:\w+:)?SingleSignOnService\b[^>]*\bLocation="([^"]+)"/.exec(xml)?.[1];
  const slo = /<(?:\w+:)?SingleLogoutService\b[^>]*\bLocation="([^"]+)"/.exec(xml)?.[1];
  const entity = /<(?:\w+:)?EntityDescriptor\b[^>]*\bentityID="([^"]+)"/.exec(xml)?.[1];
  return {
    certificate: cert ? toPem(cert) : null,
    ssoUrl: sso ?? null,
    sloUrl: slo ?? null,
    entityId: entity ?? null,
  };
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

/**
 * AuthnRequest ids for the `InResponseTo` check, in the store so they survive SAML instances; 10 min
 * on the dev clock. Each is stored under its configuration (`<configuration id>:<request id>`), so a
 * request started for one organization cannot be answered through another's configuration.
 */
function requestCache(dev: Dev, configurationId: string, onSave?: (requestId: string) => void): CacheProvider {
  const ttl = 10 * 60_000;
  const scoped = (key: string) => `${configurationId}:${key}`;
  return {
    async saveAsync(key, value) {
      onSave?.(key);
      const now = dev.clock.now();
      sql(dev.db, 'INSERT OR REPLACE INTO sso_saml_requests (id, value, created_at) VALUES (?,?,?)').run(
        scoped(key),
        value,
        now,
      );
      return { value, createdAt: now };
    },
    async getAsync(key) {
      const row = sql(dev.db, 'SELECT value, created_at FROM sso_saml_requests WHERE id = ?').get(scoped(key)) as
        | { value: string; created_at: number }
        | undefined;
      return row && dev.clock.now() - row.created_at < ttl ? row.value : null;
    },
    async removeAsync(key) {
      if (key === null) return null;
      const row = sql(dev.db, 'SELECT value FROM sso_saml_requests WHERE id = ?').get(scoped(key)) as
        | { value: string }
        | undefined;
      sql(dev.db, 'DELETE FROM sso_saml_requests WHERE id = ?').run(scoped(key));
      return row?.value ?? null;
    },
  };
}

/**
 * node-saml for one organization. Time checks are off here (`acceptedClockSkewMs: -1`) because
 * node-saml reads the wall clock; the ACS checks the window on the dev clock instead. Either a
 * signed Response or a signed Assertion is accepted, nothing unsigned. Every Response must answer
 * an AuthnRequest of ours (`InResponseTo`, single use): unsolicited (IdP-initiated) responses
 * cannot be bound to the browser that started the sign-in, so they are refused.
 * `onRequestId` sees the id of an AuthnRequest being issued.
 */
export function samlFor(dev: Dev, cfg: SsoConfigRow, onRequestId?: (requestId: string) => void): SAML {
  const s = settingsOf(cfg);
  return new SAML({
    issuer: spEntityId(dev, cfg.organization_id),
    audience: spEntityId(dev, cfg.organization_id),
    callbackUrl: acsUrl(dev),
    // node-saml insists on an entry point even to answer a LogoutRequest; sign-in checks saml_sso_url itself.
    entryPoint: s.saml_sso_url ?? s.saml_slo_url ?? undefined,
    // Where the LogoutResponse to an IdP-initiated LogoutRequest goes (HTTP-Redirect binding).
    logoutUrl: s.saml_slo_url ?? s.saml_sso_url ?? undefined,
    idpCert: s.saml_certificate ? toPem(s.saml_certificate) : 'not-configured',
    idpIssuer: s.saml_entity_id ?? undefined,
    wantAuthnResponseSigned: false,
    wantAssertionsSigned: false,
    acceptedClockSkewMs: -1,
    validateInResponseTo: ValidateInResponseTo.always,
    cacheProvider: requestCache(dev, cfg.id, onRequestId),
    identifierFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
    disableRequestedAuthnContext: true,
  });
}

/**
 * Whether the Response element itself carries a valid signature of the configured IdP (node-saml
 * accepts either that or a signed Assertion, and does not say which it verified).
 */
export async function responseSignedByIdp(cfg: SsoConfigRow, xml: string): Promise<boolean> {
  const cert = settingsOf(cfg).saml_certificate;
  if (!cert) return false;
  try {
    const doc = await parseDomFromString(xml);
    return getVerifiedXml(xml, doc.documentElement, [toPem(cert)]) !== null;
  } catch {
    return false;
  }
}

/**
 * Marks an Assertion (by issuer and id) as used until it expires; false when it was used before.
 * `InResponseTo` is single use already; this also holds for a Response signed over an Assertion
 * that a later Response re-wraps.
 */
export function consumeAssertion(dev: Dev, issuer: string, id: string, expiresAt: number): boolean {
  const now = dev.clock.now();
  sql(dev.db, 'DELETE FROM sso_saml_assertions WHERE expires_at <= ?').run(now);
  return (
    sql(dev.db, 'INSERT OR IGNORE INTO sso_saml_assertions (id, expires_at) VALUES (?,?)').run(
      `${issuer}\n${id}`,
      Math.max(expiresAt, now) + 60_000,
    ).changes === 1
  );
}
