import { randomUUID } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import { type Context, Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import { z } from 'zod';
import type { Dev, Env } from '../context';
import { HttpError } from '../errors';
import { getActiveMember, getMember, getOrg, getOrgBySlug, requireKnownRole } from '../services/orgs';
import { clientInfo, type Principal, requirePrincipal, requireScope } from '../services/principal';
import { createSession } from '../services/sessions';
import {
  acsUrl,
  getSsoConfig,
  parseCertificate,
  parseIdpMetadata,
  type SsoConfigRow,
  type SsoSettings,
  samlFor,
  settingsOf,
  spEntityId,
  toPem,
  toSsoConfiguration,
} from '../services/sso';
import { escapeHtml, idpMetadata, signedResponse } from '../services/sso-idp';
import { getUserByEmail, insertUser, type UserRow, updateUser } from '../services/users';
import { sql } from '../store/db';
import { jsonBody, optionalJsonBody, pathId, uuidRe } from '../validate';

const url = z.string().url().max(2048);
const common = {
  saml_metadata_url: url.nullish(),
  saml_metadata_xml: z.string().max(200_000).nullish(),
  saml_sso_url: url.nullish(),
  saml_slo_url: url.nullish(),
  saml_certificate: z.string().max(20_000).nullish(),
  oidc_issuer: url.nullish(),
  oidc_client_id: z.string().max(255).nullish(),
  oidc_client_secret: z.string().max(1024).nullish(),
  oidc_discovery_url: url.nullish(),
  jit_provisioning: z.boolean().optional(),
  default_role: z.string().min(1).max(100).optional(),
  attribute_mapping: z.record(z.string(), z.string()).optional(),
  allowed_domains: z.array(z.string().min(1).max(255)).optional(),
};
const createSchema = z.object({
  provider: z.enum(['saml', 'oidc', 'oauth2', 'ldap', 'active_directory']),
  saml_entity_id: z.string().max(2048).nullish(),
  ...common,
});
const updateSchema = z.object({ ...common, enabled: z.boolean().optional() });
const SETTING_KEYS = [
  'saml_metadata_url',
  'saml_metadata_xml',
  'saml_sso_url',
  'saml_slo_url',
  'saml_certificate',
  'saml_entity_id',
  'oidc_issuer',
  'oidc_client_id',
  'oidc_client_secret',
  'oidc_discovery_url',
] as const;

const SSO_FAILED = 'SSO authentication failed';

async function requirePlatformAdmin(c: Context<Env>): Promise<Principal> {
  const p = await requirePrincipal(c);
  if (p.kind === 'api_key') requireScope(p, 'sso:write');
  else if (p.user.is_admin !== 1) throw new HttpError(403, 'Admin privileges required');
  return p;
}

function loadConfig(dev: Dev, orgId: string): SsoConfigRow {
  const cfg = getSsoConfig(dev, orgId);
  if (!cfg) throw new HttpError(404, 'SSO configuration not found');
  return cfg;
}

/** Metadata XML fills in whatever SSO URL, certificate and IdP entity id were not given directly. */
function mergeSettings(prev: SsoSettings, body: Partial<Record<(typeof SETTING_KEYS)[number], string | null>>) {
  const next: SsoSettings = { ...prev };
  for (const k of SETTING_KEYS) if (body[k] !== undefined) next[k] = body[k];
  if (body.saml_metadata_xml) {
    const meta = parseIdpMetadata(body.saml_metadata_xml);
    next.saml_sso_url = body.saml_sso_url ?? meta.ssoUrl ?? next.saml_sso_url ?? null;
    next.saml_certificate = body.saml_certificate ?? meta.certificate ?? next.saml_certificate ?? null;
    next.saml_entity_id = next.saml_entity_id ?? meta.entityId;
  }
  if (next.saml_certificate) {
    if (!parseCertificate(next.saml_certificate)) throw new HttpError(400, 'Invalid SAML certificate');
    next.saml_certificate = toPem(next.saml_certificate);
  }
  return next;
}

/** `saml_metadata_url` is fetched once, at write time, unless XML came along. */
async function withFetchedMetadata<T extends { saml_metadata_url?: string | null; saml_metadata_xml?: string | null }>(
  body: T,
): Promise<T> {
  if (!body.saml_metadata_url || body.saml_metadata_xml) return body;
  try {
    const res = await fetch(body.saml_metadata_url, { signal: AbortSignal.timeout(5000) });
    if (!res.ok) throw new Error(String(res.status));
    return { ...body, saml_metadata_xml: await res.text() };
  } catch {
    throw new HttpError(400, 'Could not fetch SAML metadata from saml_metadata_url');
  }
}

const normaliseDomains = (d: string[]) => [...new Set(d.map((x) => x.trim().toLowerCase().replace(/^@/, '')))];

/** Same-site redirects only: the server itself, the configured frontend and allowed origins. */
function safeReturnUrl(dev: Dev, value: string | null | undefined): string | null {
  if (!value) return null;
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    return null;
  }
  const allowed = [dev.config.url, dev.config.frontendUrl, ...dev.config.origins]
    .filter(Boolean)
    .map((o) => new URL(o).origin);
  return allowed.includes(u.origin) ? u.toString() : null;
}

/** §4.9 SSO, mounted at `/api/v1/sso`. */
export function ssoRoutes(): Hono<Env> {
  const app = new Hono<Env>();

  app.post('/configurations', async (c) => {
    const dev = c.get('dev');
    await requirePlatformAdmin(c);
    const orgId = c.req.query('organization_id') ?? '';
    if (!uuidRe.test(orgId)) throw new HttpError(400, 'Invalid organization ID');
    const body = await withFetchedMetadata(await jsonBody(c, createSchema));
    if (body.provider !== 'saml' && body.provider !== 'oidc') {
      throw new HttpError(400, `Unsupported SSO provider: ${body.provider}`);
    }
    if (!getOrg(dev, orgId)) throw new HttpError(404, 'Organization not found');
    if (getSsoConfig(dev, orgId)) throw new HttpError(400, 'SSO configuration already exists for this organization');
    const role = body.default_role ?? 'member';
    requireKnownRole(dev, orgId, role);
    const settings = mergeSettings({}, body);
    const now = dev.clock.now();
    const id = randomUUID();
    sql(
      dev.db,
      `INSERT INTO sso_configurations (id, organization_id, provider, enabled, settings, jit_provisioning, default_role, attribute_mapping, allowed_domains, created_at, updated_at)
       VALUES (?,?,?,1,?,?,?,?,?,?,?)`,
    ).run(
      id,
      orgId,
      body.provider,
      JSON.stringify(settings),
      body.jit_provisioning === false ? 0 : 1,
      role,
      JSON.stringify(body.attribute_mapping ?? {}),
      JSON.stringify(normaliseDomains(body.allowed_domains ?? [])),
      now,
      now,
    );
    dev.events.emit('sso.configuration.created', {
      organizationId: orgId,
      resourceType: 'sso_configuration',
      resourceId: id,
    });
    return c.json(toSsoConfiguration(dev, loadConfig(dev, orgId)));
  });

  app.get('/configurations/:organization_id', async (c) => {
    const dev = c.get('dev');
    const orgId = pathId(c.req.param('organization_id'), 'organization');
    const p = await requirePrincipal(c);
    const cfg = loadConfig(dev, orgId);
    const allowed =
      p.kind === 'api_key'
        ? p.key.organization_id === orgId
        : p.user.is_admin === 1 || !!getActiveMember(dev, orgId, p.user.id);
    if (!allowed) throw new HttpError(403, 'User does not belong to this organization');
    return c.json(toSsoConfiguration(dev, cfg));
  });

  app.put('/configurations/:organization_id', async (c) => {
    const dev = c.get('dev');
    const orgId = pathId(c.req.param('organization_id'), 'organization');
    await requirePlatformAdmin(c);
    const cfg = loadConfig(dev, orgId);
    const body = await withFetchedMetadata(await optionalJsonBody(c, updateSchema));
    if (body.default_role) requireKnownRole(dev, orgId, body.default_role);
    const settings = mergeSettings(settingsOf(cfg), body);
    sql(
      dev.db,
      `UPDATE sso_configurations SET enabled = ?, settings = ?, jit_provisioning = ?, default_role = ?, attribute_mapping = ?,
       allowed_domains = ?, updated_at = ? WHERE id = ?`,
    ).run(
      body.enabled === undefined ? cfg.enabled : body.enabled ? 1 : 0,
      JSON.stringify(settings),
      body.jit_provisioning === undefined ? cfg.jit_provisioning : body.jit_provisioning ? 1 : 0,
      body.default_role ?? cfg.default_role,
      body.attribute_mapping ? JSON.stringify(body.attribute_mapping) : cfg.attribute_mapping,
      body.allowed_domains ? JSON.stringify(normaliseDomains(body.allowed_domains)) : cfg.allowed_domains,
      dev.clock.now(),
      cfg.id,
    );
    dev.events.emit('sso.configuration.updated', {
      organizationId: orgId,
      resourceType: 'sso_configuration',
      resourceId: cfg.id,
    });
    return c.json(toSsoConfiguration(dev, loadConfig(dev, orgId)));
  });

  app.delete('/configurations/:organization_id', async (c) => {
    const dev = c.get('dev');
    const orgId = pathId(c.req.param('organization_id'), 'organization');
    await requirePlatformAdmin(c);
    const cfg = loadConfig(dev, orgId);
    sql(dev.db, 'DELETE FROM sso_configurations WHERE id = ?').run(cfg.id);
    dev.events.emit('sso.configuration.deleted', {
      organizationId: orgId,
      resourceType: 'sso_configuration',
      resourceId: cfg.id,
    });
    return c.json({ message: 'SSO configuration deleted successfully' });
  });

  app.post('/test', async (c) => {
    const dev = c.get('dev');
    await requirePlatformAdmin(c);
    const body = await jsonBody(c, z.object({ configuration_id: z.string() }));
    const cfg = sql(dev.db, 'SELECT * FROM sso_configurations WHERE id = ?').get(body.configuration_id) as
      | SsoConfigRow
      | undefined;
    if (!cfg) throw new HttpError(404, 'SSO configuration not found');
    const s = settingsOf(cfg);
    const checks: { name: string; passed: boolean; detail: string }[] = [];
    if (cfg.provider === 'saml') {
      const cert = parseCertificate(s.saml_certificate);
      const now = dev.clock.now();
      checks.push({
        name: 'certificate',
        passed: !!cert && Date.parse(cert.validFrom) <= now && now < Date.parse(cert.validTo),
        detail: cert ? `valid ${cert.validFrom} – ${cert.validTo}` : 'missing or unreadable',
      });
      checks.push({
        name: 'sso_url',
        passed: !!s.saml_sso_url,
        detail: s.saml_sso_url ?? 'missing',
      });
    } else {
      checks.push({ name: 'issuer', passed: !!s.oidc_issuer, detail: s.oidc_issuer ?? 'missing' });
      checks.push({ name: 'client_id', passed: !!s.oidc_client_id, detail: s.oidc_client_id ? 'present' : 'missing' });
    }
    checks.push({ name: 'enabled', passed: cfg.enabled === 1, detail: cfg.enabled === 1 ? 'yes' : 'no' });
    return c.json({
      configuration_id: cfg.id,
      provider: cfg.provider,
      success: checks.every((x) => x.passed),
      checks,
      sp_entity_id: spEntityId(dev, cfg.organization_id),
      acs_url: acsUrl(dev),
      metadata_url: `${dev.config.url}/api/v1/sso/metadata/${cfg.organization_id}`,
    });
  });

  const initiate = async (c: Context<Env>, slug: string | undefined, returnUrl: string | undefined) => {
    const dev = c.get('dev');
    const org = slug ? getOrgBySlug(dev, slug) : undefined;
    if (!org) throw new HttpError(404, 'Organization not found');
    const cfg = getSsoConfig(dev, org.id);
    if (cfg?.enabled !== 1) throw new HttpError(400, 'SSO is not enabled for this organization');
    if (cfg.provider !== 'saml' || !settingsOf(cfg).saml_sso_url) {
      throw new HttpError(400, 'Only SAML sign-in is available on the dev server');
    }
    if (returnUrl && !safeReturnUrl(dev, returnUrl)) throw new HttpError(400, 'Invalid return_url');
    const location = await samlFor(dev, cfg).getAuthorizeUrlAsync(returnUrl ?? '', undefined, {});
    return c.redirect(location, 302);
  };
  app.post('/initiate', async (c) => {
    const body = await jsonBody(
      c,
      z.object({ organization_slug: z.string().min(1), return_url: z.string().max(2048).nullish() }),
    );
    return initiate(c, body.organization_slug, body.return_url ?? undefined);
  });
  app.get('/initiate', (c) => initiate(c, c.req.query('organization_slug'), c.req.query('return_url')));

  app.get('/metadata/:organization_id', async (c) => {
    const dev = c.get('dev');
    const orgId = pathId(c.req.param('organization_id'), 'organization');
    const cfg = loadConfig(dev, orgId);
    const xml = samlFor(dev, cfg).generateServiceProviderMetadata(null, null);
    return c.body(xml, 200, {
      'content-type': 'application/xml',
      'content-disposition': `attachment; filename="sp-metadata-${orgId}.xml"`,
    });
  });

  app.post('/saml/acs', async (c) => {
    const dev = c.get('dev');
    const form = await c.req.parseBody();
    const samlResponse = typeof form.SAMLResponse === 'string' ? form.SAMLResponse : '';
    const relay = typeof form.RelayState === 'string' ? form.RelayState : '';
    const fail = (reason: string, orgId: string | null): never => {
      dev.events.emit('sso.signin_failed', { organizationId: orgId, reason });
      throw new HttpError(401, SSO_FAILED);
    };
    if (!samlResponse) fail('missing SAMLResponse', null);
    const xml = Buffer.from(samlResponse, 'base64').toString('utf8');
    const cfg = configForResponse(dev, xml);
    if (cfg?.enabled !== 1 || cfg.provider !== 'saml') return fail('no enabled SAML configuration', null);
    let profile: Awaited<ReturnType<ReturnType<typeof samlFor>['validatePostResponseAsync']>>['profile'];
    try {
      profile = (await samlFor(dev, cfg).validatePostResponseAsync({ SAMLResponse: samlResponse })).profile;
    } catch (err) {
      return fail(err instanceof Error ? err.message : 'invalid response', cfg.organization_id);
    }
    if (!profile) return fail('no profile', cfg.organization_id);
    const window = timeWindowError(dev, profile.getAssertion?.() as AssertionDoc | undefined);
    if (window) return fail(window, cfg.organization_id);

    const mapping = JSON.parse(cfg.attribute_mapping) as Record<string, string>;
    const attr = (field: string, ...fallbacks: string[]) => {
      for (const name of [mapping[field], ...fallbacks].filter(Boolean) as string[]) {
        const v = profile?.[name];
        if (typeof v === 'string' && v) return v;
        if (Array.isArray(v) && typeof v[0] === 'string') return v[0];
      }
      return undefined;
    };
    const email = (attr('email', 'email', 'mail') ?? profile.nameID ?? '').toLowerCase();
    if (!/^[^@\s]+@[^@\s]+$/.test(email)) return fail('no email in the assertion', cfg.organization_id);
    const domains = JSON.parse(cfg.allowed_domains) as string[];
    if (domains.length > 0 && !domains.includes(email.split('@')[1] as string)) {
      dev.events.emit('sso.signin_failed', { organizationId: cfg.organization_id, reason: 'domain not allowed' });
      throw new HttpError(403, 'Email domain is not allowed for this organization');
    }
    let user = getUserByEmail(dev, email);
    if (!user || user.status === 'deleted') {
      if (cfg.jit_provisioning !== 1) throw new HttpError(403, 'User is not provisioned for this organization');
      user = insertUser(dev, {
        id: randomUUID(),
        email,
        email_verified: 1,
        first_name: attr('first_name', 'first_name', 'firstName', 'givenName') ?? null,
        last_name: attr('last_name', 'last_name', 'lastName', 'surname', 'sn') ?? null,
      });
      dev.events.emit('user.created', { user, via: 'sso' });
    }
    if (user.status !== 'active') return fail('account not active', cfg.organization_id);
    const member = getMember(dev, cfg.organization_id, user.id);
    if (member?.status !== 'active') {
      if (cfg.jit_provisioning !== 1) throw new HttpError(403, 'User is not provisioned for this organization');
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
    const signedIn: UserRow = updateUser(dev, user.id, { last_sign_in_at: dev.clock.now(), failed_attempts: 0 });
    const { session, tokens } = await createSession(dev, signedIn, clientInfo(c));
    dev.events.emit('session.created', { user: signedIn, session, method: 'sso' });
    const cookie = { httpOnly: true, secure: true, sameSite: 'Lax' as const, path: '/' };
    setCookie(c, 'access_token', tokens.access_token, { ...cookie, maxAge: dev.config.accessTokenTtl });
    setCookie(c, 'refresh_token', tokens.refresh_token, { ...cookie, maxAge: dev.config.refreshTokenTtl });
    const target = safeReturnUrl(dev, relay) ?? (dev.config.frontendUrl || `${dev.config.url}/`);
    return c.redirect(target, 302);
  });

  return app;
}

type AssertionDoc = {
  Assertion?: { Conditions?: { $?: { NotBefore?: string; NotOnOrAfter?: string } }[] };
};

/** The Conditions window on the dev clock (node-saml would use the wall clock); a window is required. */
function timeWindowError(dev: Dev, doc: AssertionDoc | undefined): string | null {
  const window = doc?.Assertion?.Conditions?.[0]?.$;
  if (!window?.NotOnOrAfter) return 'assertion has no NotOnOrAfter';
  const now = dev.clock.now();
  const skew = 30_000;
  if (window.NotBefore && now + skew < Date.parse(window.NotBefore)) return 'assertion not yet valid';
  if (now - skew >= Date.parse(window.NotOnOrAfter)) return 'assertion expired';
  return null;
}

/**
 * Which organization a Response is for: its Audience names our per-organization SP entity id;
 * failing that, its Issuer matches a configured IdP entity id. Only a lookup: the full
 * validation (signature, audience, issuer) happens afterwards against that configuration.
 */
function configForResponse(dev: Dev, xml: string): SsoConfigRow | undefined {
  const audience = /<(?:\w+:)?Audience>\s*([^<]+?)\s*<\/(?:\w+:)?Audience>/.exec(xml)?.[1];
  const orgId = audience ? /\/api\/v1\/sso\/metadata\/([0-9a-f-]{36})$/.exec(audience)?.[1] : undefined;
  if (orgId && audience === spEntityId(dev, orgId)) {
    const cfg = getSsoConfig(dev, orgId);
    if (cfg) return cfg;
  }
  const issuer = /<(?:\w+:)?Issuer[^>]*>\s*([^<]+?)\s*<\/(?:\w+:)?Issuer>/.exec(xml)?.[1];
  if (!issuer) return undefined;
  const rows = (sql(dev.db, 'SELECT * FROM sso_configurations').all() as SsoConfigRow[]).filter(
    (r) => settingsOf(r).saml_entity_id === issuer,
  );
  // An IdP entity id shared by several organizations cannot tell them apart.
  return rows.length === 1 ? rows[0] : undefined;
}

const FAULTS = ['bad_signature', 'expired', 'wrong_audience'] as const;

const page = (title: string, body: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body>${body}</body></html>`;
const hidden = (fields: Record<string, string | undefined>) =>
  Object.entries(fields)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `<input type="hidden" name="${k}" value="${escapeHtml(v as string)}">`)
    .join('');

/**
 * §7.5 stand-in SAML IdP, mounted at `/__dev/idp/saml`: metadata, and an SSO endpoint (HTTP-Redirect
 * binding) that asks for an email (or takes `login_hint` with `auto=1`) and posts a signed
 * Response to the SP's ACS. `fault=bad_signature|expired|wrong_audience` spoils the Response.
 */
export function standInSamlIdpRoutes(): Hono<Env> {
  const app = new Hono<Env>();
  const entityId = (dev: Dev) => `${dev.config.url}/__dev/idp/saml`;

  app.get('/metadata', (c) => {
    const dev = c.get('dev');
    return c.body(idpMetadata(entityId(dev), `${entityId(dev)}/sso`), 200, { 'content-type': 'application/xml' });
  });

  app.get('/sso', (c) => {
    const dev = c.get('dev');
    const q = c.req.query();
    let request: string;
    try {
      request = inflateRawSync(Buffer.from(q.SAMLRequest ?? '', 'base64')).toString('utf8');
    } catch {
      throw new HttpError(400, 'Invalid SAMLRequest');
    }
    const id = /\bID="([^"]+)"/.exec(request)?.[1];
    const acs = /\bAssertionConsumerServiceURL="([^"]+)"/.exec(request)?.[1];
    const audience = /<(?:\w+:)?Issuer[^>]*>\s*([^<]+?)\s*<\/(?:\w+:)?Issuer>/.exec(request)?.[1];
    if (!id || !acs || !audience) throw new HttpError(400, 'Invalid SAMLRequest');
    const fault = (FAULTS as readonly string[]).includes(q.fault ?? '') ? (q.fault as (typeof FAULTS)[number]) : null;
    if (q.auto !== '1' || !q.login_hint) {
      return c.html(
        page(
          'Janua dev IdP',
          `<h1>Sign in (dev stand-in IdP)</h1><form method="get" action="${escapeHtml(`${entityId(dev)}/sso`)}">` +
            hidden({ SAMLRequest: q.SAMLRequest, RelayState: q.RelayState, fault: q.fault ?? undefined, auto: '1' }) +
            '<label>Email <input name="login_hint" type="email" required></label> ' +
            '<label>Name <input name="name"></label> <button type="submit">Continue</button></form>',
        ),
      );
    }
    const [first, ...rest] = (q.name ?? '').trim().split(/\s+/).filter(Boolean);
    const SAMLResponse = signedResponse({
      issuer: entityId(dev),
      destination: acs,
      audience,
      inResponseTo: id,
      email: q.login_hint.toLowerCase(),
      firstName: first ?? null,
      lastName: rest.length ? rest.join(' ') : null,
      nowMs: dev.clock.now(),
      fault,
    });
    return c.html(
      page(
        'Signing in…',
        `<form id="saml" method="post" action="${escapeHtml(acs)}">` +
          hidden({ SAMLResponse, RelayState: q.RelayState }) +
          '<noscript><button type="submit">Continue</button></noscript></form>' +
          '<script>document.getElementById("saml").submit()</script>',
      ),
    );
  });

  return app;
}
