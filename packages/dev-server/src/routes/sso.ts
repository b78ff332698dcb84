import { createHash, randomUUID } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import { type Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import type { Dev, Env } from '../context';
import { HttpError } from '../errors';
import { isAllowedRedirect } from '../services/links';
import { consumeOneTimeToken, issueOneTimeToken } from '../services/one-time-tokens';
import { getActiveMember, getOrg, getOrgBySlug, requireKnownRole } from '../services/orgs';
import { clientInfo, type Principal, requirePrincipal, requireScope } from '../services/principal';
import {
  acsUrl,
  bindingMatches,
  bindingOf,
  consumeAssertion,
  deleteSsoConfig,
  getSsoConfig,
  parseCertificate,
  parseIdpMetadata,
  responseSignedByIdp,
  type SsoConfigRow,
  type SsoSettings,
  samlFor,
  settingsOf,
  signInWithSso,
  spEntityId,
  ssoFailure,
  toPem,
  toSsoConfiguration,
} from '../services/sso';
import { escapeHtml, idpMetadata, signedLogoutRequest, signedResponse } from '../services/sso-idp';
import { discoverOidc, finishOidc, isSecureEndpoint, oidcAuthorizationUrl } from '../services/sso-oidc';
import {
  getOidcIdpClient,
  ID_TOKEN_FAULTS,
  type IdTokenFault,
  oidcIdpClientSecretMatches,
  oidcIdpConfiguration,
  registerOidcIdpClient,
  signIdpAccessToken,
  signIdToken,
  standInOidcKeys,
  userinfoFor,
} from '../services/sso-oidc-idp';
import { handleLogoutRequest, sloUrl } from '../services/sso-slo';
import type { TokenPair } from '../services/tokens';
import { emitAdminAction } from '../services/user-events';
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

async function requirePlatformAdmin(c: Context<Env>): Promise<Principal> {
  const p = await requirePrincipal(c);
  if (p.kind === 'api_key') requireScope(p, 'sso:write');
  else if (p.user.is_admin !== 1) throw new HttpError(403, 'Admin privileges required');
  return p;
}

/** §1.2: an API key's platform-admin rights stop at its own organization. */
function requireOrgOfKey(p: Principal, orgId: string): void {
  if (p.kind === 'api_key' && p.key.organization_id !== orgId) throw new HttpError(403, 'Admin privileges required');
}

/** JIT hands `default_role` to whoever the IdP names; ownership is never handed out that way. */
function requireJitRole(dev: Dev, orgId: string, role: string): void {
  if (role === 'owner') throw new HttpError(400, 'default_role cannot be owner');
  requireKnownRole(dev, orgId, role);
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
    next.saml_slo_url = body.saml_slo_url ?? meta.sloUrl ?? next.saml_slo_url ?? null;
    next.saml_certificate = body.saml_certificate ?? meta.certificate ?? next.saml_certificate ?? null;
    next.saml_entity_id = next.saml_entity_id ?? meta.entityId;
  }
  if (next.saml_certificate) {
    if (!parseCertificate(next.saml_certificate)) throw new HttpError(400, 'Invalid SAML certificate');
    next.saml_certificate = toPem(next.saml_certificate);
  }
  return next;
}

/**
 * `saml_metadata_url` is fetched once, at write time, unless XML came along. The same rule as OIDC
 * discovery (https:, http: only on loopback) and no redirects: the metadata carries the IdP's
 * signing certificate, so it must not come over plain http from elsewhere or via a redirect the
 * check never saw.
 */
async function withFetchedMetadata<T extends { saml_metadata_url?: string | null; saml_metadata_xml?: string | null }>(
  body: T,
): Promise<T> {
  if (!body.saml_metadata_url || body.saml_metadata_xml) return body;
  if (!isSecureEndpoint(body.saml_metadata_url)) {
    throw new HttpError(400, 'saml_metadata_url must be https: (http: only on loopback hosts)');
  }
  try {
    const res = await fetch(body.saml_metadata_url, { redirect: 'error', signal: AbortSignal.timeout(5000) });
    if (!res.ok) throw new Error(String(res.status));
    return { ...body, saml_metadata_xml: await res.text() };
  } catch {
    throw new HttpError(400, 'Could not fetch SAML metadata from saml_metadata_url');
  }
}

const normaliseDomains = (d: string[]) => [...new Set(d.map((x) => x.trim().toLowerCase().replace(/^@/, '')))];

/** The §7.1 redirect allow-list (localhost, 127.0.0.1, `--origin`s, the frontend) and the server itself. */
function safeReturnUrl(dev: Dev, value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const u = new URL(value);
    return isAllowedRedirect(dev, value) || u.origin === new URL(dev.config.url).origin ? u.toString() : null;
  } catch {
    return null;
  }
}

/** §7.1: cookies omit `Secure` when the server itself is http:// (browsers would drop them). */
const isHttps = (dev: Dev) => dev.config.url.startsWith('https:');

/**
 * The login-CSRF binding cookie (see `bindingOf`). On https it is `__Host-` and SameSite=None,
 * because the SAML ACS is reached by a cross-site POST from the IdP; on http:// browsers refuse
 * SameSite=None without Secure, so it is a plain Lax cookie (enough for same-site IdPs, such as the
 * stand-ins, and for the OIDC callback, which is a top-level GET). One cookie per flow, named after
 * a prefix of the hash of its state / AuthnRequest id: two tabs signing in at once must not
 * overwrite each other's binding. The callback/ACS finds it by the state or InResponseTo it got.
 */
const bindingCookie = (dev: Dev, flow: string) =>
  `${isHttps(dev) ? '__Host-' : ''}janua_sso_${createHash('sha256').update(flow).digest('hex').slice(0, 8)}`;
function setBinding(c: Context<Env>, flow: string): void {
  const dev = c.get('dev');
  setCookie(c, bindingCookie(dev, flow), bindingOf(flow), {
    httpOnly: true,
    secure: isHttps(dev),
    sameSite: isHttps(dev) ? 'None' : 'Lax',
    path: '/',
    maxAge: 600,
  });
}
const bindingFrom = (c: Context<Env>, flow: string) => getCookie(c, bindingCookie(c.get('dev'), flow));
/** Spent on success and on failure alike: a flow is finished either way. */
function clearBinding(c: Context<Env>, flow: string | undefined): void {
  const dev = c.get('dev');
  if (flow && getCookie(c, bindingCookie(dev, flow)) !== undefined) {
    deleteCookie(c, bindingCookie(dev, flow), { path: '/', secure: isHttps(dev) });
  }
}
/** Runs a callback/ACS, clearing the flow's binding cookie if it fails. */
async function spendingBinding(c: Context<Env>, flow: () => string | undefined, run: () => Promise<Response>) {
  try {
    return await run();
  } catch (err) {
    clearBinding(c, flow());
    throw err;
  }
}

/** The end of every SSO sign-in (ACS, OIDC callback): HttpOnly cookies and a 302 to `return_url`. */
function landWithCookies(
  c: Context<Env>,
  flow: string,
  tokens: TokenPair,
  returnUrl: string | null | undefined,
): Response {
  const dev = c.get('dev');
  clearBinding(c, flow);
  const cookie = { httpOnly: true, secure: isHttps(dev), sameSite: 'Lax' as const, path: '/' };
  setCookie(c, 'access_token', tokens.access_token, { ...cookie, maxAge: dev.config.accessTokenTtl });
  setCookie(c, 'refresh_token', tokens.refresh_token, { ...cookie, maxAge: dev.config.refreshTokenTtl });
  const target = safeReturnUrl(dev, returnUrl) ?? (dev.config.frontendUrl || `${dev.config.url}/`);
  return c.redirect(target, 302);
}

/** §4.9 SSO, mounted at `/api/v1/sso`. */
export function ssoRoutes(): Hono<Env> {
  const app = new Hono<Env>();

  app.post('/configurations', async (c) => {
    const dev = c.get('dev');
    const principal = await requirePlatformAdmin(c);
    const orgId = c.req.query('organization_id') ?? '';
    if (!uuidRe.test(orgId)) throw new HttpError(400, 'Invalid organization ID');
    // Before any lookup or fetch: a foreign key must learn nothing about other organizations
    // (which exist, which have SSO) nor make this server fetch anything.
    requireOrgOfKey(principal, orgId);
    const body = await withFetchedMetadata(await jsonBody(c, createSchema));
    if (body.provider !== 'saml' && body.provider !== 'oidc') {
      throw new HttpError(400, `Unsupported SSO provider: ${body.provider}`);
    }
    if (!getOrg(dev, orgId)) throw new HttpError(404, 'Organization not found');
    if (getSsoConfig(dev, orgId)) throw new HttpError(400, 'SSO configuration already exists for this organization');
    const role = body.default_role ?? 'member';
    requireJitRole(dev, orgId, role);
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
    emitAdminAction(dev, principal, 'sso_configuration.create', { id, type: 'sso_configuration' }, {}, orgId);
    return c.json(toSsoConfiguration(dev, loadConfig(dev, orgId)));
  });

  app.get('/configurations/:organization_id', async (c) => {
    const dev = c.get('dev');
    const orgId = pathId(c.req.param('organization_id'), 'organization');
    const p = await requirePrincipal(c);
    // Authorised before the lookup, so a 404 never tells an outsider which organizations have SSO.
    const allowed =
      p.kind === 'api_key'
        ? p.key.organization_id === orgId
        : p.user.is_admin === 1 || !!getActiveMember(dev, orgId, p.user.id);
    if (!allowed) throw new HttpError(403, 'User does not belong to this organization');
    return c.json(toSsoConfiguration(dev, loadConfig(dev, orgId)));
  });

  app.put('/configurations/:organization_id', async (c) => {
    const dev = c.get('dev');
    const orgId = pathId(c.req.param('organization_id'), 'organization');
    const principal = await requirePlatformAdmin(c);
    requireOrgOfKey(principal, orgId);
    const cfg = loadConfig(dev, orgId);
    const body = await withFetchedMetadata(await optionalJsonBody(c, updateSchema));
    if (body.default_role) requireJitRole(dev, orgId, body.default_role);
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
    emitAdminAction(dev, principal, 'sso_configuration.update', { id: cfg.id, type: 'sso_configuration' }, {}, orgId);
    return c.json(toSsoConfiguration(dev, loadConfig(dev, orgId)));
  });

  app.delete('/configurations/:organization_id', async (c) => {
    const dev = c.get('dev');
    const orgId = pathId(c.req.param('organization_id'), 'organization');
    const principal = await requirePlatformAdmin(c);
    requireOrgOfKey(principal, orgId);
    const cfg = loadConfig(dev, orgId);
    deleteSsoConfig(dev, cfg);
    dev.events.emit('sso.configuration.deleted', {
      organizationId: orgId,
      resourceType: 'sso_configuration',
      resourceId: cfg.id,
    });
    emitAdminAction(dev, principal, 'sso_configuration.delete', { id: cfg.id, type: 'sso_configuration' }, {}, orgId);
    return c.json({ message: 'SSO configuration deleted successfully' });
  });

  app.post('/test', async (c) => {
    const dev = c.get('dev');
    const principal = await requirePlatformAdmin(c);
    const body = await jsonBody(c, z.object({ configuration_id: z.string() }));
    const cfg = sql(dev.db, 'SELECT * FROM sso_configurations WHERE id = ?').get(body.configuration_id) as
      | SsoConfigRow
      | undefined;
    if (!cfg) throw new HttpError(404, 'SSO configuration not found');
    requireOrgOfKey(principal, cfg.organization_id);
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
      let discovery: { passed: boolean; detail: string };
      try {
        const meta = await discoverOidc(dev, cfg);
        discovery = { passed: true, detail: meta.authorization_endpoint };
      } catch (err) {
        discovery = { passed: false, detail: err instanceof Error ? err.message : 'failed' };
      }
      checks.push({ name: 'discovery', ...discovery });
      checks.push({
        name: 'client_secret',
        passed: !!s.oidc_client_secret,
        detail: s.oidc_client_secret ? 'present' : 'missing',
      });
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

  // What both forms of /initiate check before anything is sent anywhere.
  const initiateTarget = (c: Context<Env>, slug: string | undefined, returnUrl: string | undefined) => {
    const dev = c.get('dev');
    const org = slug ? getOrgBySlug(dev, slug) : undefined;
    if (!org) throw new HttpError(404, 'Organization not found');
    const cfg = getSsoConfig(dev, org.id);
    if (cfg?.enabled !== 1) throw new HttpError(400, 'SSO is not enabled for this organization');
    if (returnUrl && !safeReturnUrl(dev, returnUrl)) throw new HttpError(400, 'Invalid return_url');
    if (cfg.provider !== 'oidc' && (cfg.provider !== 'saml' || !settingsOf(cfg).saml_sso_url)) {
      throw new HttpError(400, 'SSO configuration is incomplete');
    }
    return { dev, cfg };
  };
  // The browser itself must start the sign-in: the binding cookie (login-CSRF protection) has to
  // land in the browser that comes back to the callback.
  const initiate = async (c: Context<Env>, slug: string | undefined, returnUrl: string | undefined) => {
    const { dev, cfg } = initiateTarget(c, slug, returnUrl);
    if (cfg.provider === 'oidc') {
      const { url: location, state } = await oidcAuthorizationUrl(dev, cfg, returnUrl ?? null);
      setBinding(c, state);
      return c.redirect(location, 302);
    }
    let requestId = '';
    const location = await samlFor(dev, cfg, (id) => {
      requestId = id;
    }).getAuthorizeUrlAsync(returnUrl ?? '', undefined, {});
    setBinding(c, requestId);
    return c.redirect(location, 302);
  };
  // POST is what servers call (the SDK's getSsoLoginUrl): a cookie set on that response would land
  // on the app's server, not in the browser. So POST checks everything, then answers with the
  // GET form's URL; the browser sent there gets the cookie and goes on to the IdP.
  app.post('/initiate', async (c) => {
    const body = await jsonBody(
      c,
      z.object({ organization_slug: z.string().min(1), return_url: z.string().max(2048).nullish() }),
    );
    const { dev, cfg } = initiateTarget(c, body.organization_slug, body.return_url ?? undefined);
    // An unreachable or invalid provider fails here, where the server can still report it.
    if (cfg.provider === 'oidc') await discoverOidc(dev, cfg);
    const query = new URLSearchParams({ organization_slug: body.organization_slug });
    if (body.return_url) query.set('return_url', body.return_url);
    return c.redirect(`${dev.config.url}/api/v1/sso/initiate?${query}`, 302);
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
    const form = await c.req.parseBody();
    const samlResponse = typeof form.SAMLResponse === 'string' ? form.SAMLResponse : '';
    const relay = typeof form.RelayState === 'string' ? form.RelayState : '';
    const xml = Buffer.from(samlResponse, 'base64').toString('utf8');
    // Only to name the cookie to clear on failure; the binding check uses the validated value.
    const claimed = /\sInResponseTo="([^"]+)"/.exec(xml)?.[1];
    return spendingBinding(
      c,
      () => claimed,
      () => acs(c, samlResponse, xml, relay),
    );
  });

  const acs = async (c: Context<Env>, samlResponse: string, xml: string, relay: string) => {
    const dev = c.get('dev');
    const fail = (reason: string, orgId: string | null) => ssoFailure(dev, reason, orgId);
    if (!samlResponse) fail('missing SAMLResponse', null);
    const cfg = configForResponse(dev, xml);
    if (cfg?.enabled !== 1 || cfg.provider !== 'saml') return fail('no enabled SAML configuration', null);
    let profile: Awaited<ReturnType<ReturnType<typeof samlFor>['validatePostResponseAsync']>>['profile'];
    try {
      profile = (await samlFor(dev, cfg).validatePostResponseAsync({ SAMLResponse: samlResponse })).profile;
    } catch (err) {
      return fail(err instanceof Error ? err.message : 'invalid response', cfg.organization_id);
    }
    if (!profile) return fail('no profile', cfg.organization_id);
    // Login CSRF: the Response must answer an AuthnRequest this browser started.
    const inResponseTo = typeof profile.inResponseTo === 'string' ? profile.inResponseTo : '';
    if (!inResponseTo || !bindingMatches(bindingFrom(c, inResponseTo), inResponseTo)) {
      return fail('response not bound to this browser', cfg.organization_id);
    }
    const assertion = profile.getAssertion?.() as AssertionDoc | undefined;
    // node-saml reads InResponseTo from the Response wrapper. When only the Assertion is signed,
    // that wrapper is anyone's to edit (an IdP-initiated assertion re-wrapped with our request id),
    // so the signed Assertion's own SubjectConfirmationData must answer this request.
    if (!(await responseSignedByIdp(cfg, xml))) {
      const bound = (assertion?.Assertion?.Subject?.[0]?.SubjectConfirmation ?? []).map(
        (sc) => sc.SubjectConfirmationData?.[0]?.$?.InResponseTo,
      );
      if (bound.length === 0 || bound.some((v) => v !== inResponseTo)) {
        return fail('assertion does not answer this request', cfg.organization_id);
      }
    }
    const window = timeWindowError(dev, assertion);
    if (window) return fail(window, cfg.organization_id);
    const assertionId = assertion?.Assertion?.$?.ID;
    const until = Date.parse(assertion?.Assertion?.Conditions?.[0]?.$?.NotOnOrAfter ?? '');
    const idpIssuer = profile.issuer ?? settingsOf(cfg).saml_entity_id ?? '';
    if (!assertionId || !consumeAssertion(dev, idpIssuer, assertionId, until)) {
      return fail('assertion replayed or without ID', cfg.organization_id);
    }

    const mapping = JSON.parse(cfg.attribute_mapping) as Record<string, string>;
    const attr = (field: string, ...fallbacks: string[]) => {
      for (const name of [mapping[field], ...fallbacks].filter(Boolean) as string[]) {
        const v = profile?.[name];
        if (typeof v === 'string' && v) return v;
        if (Array.isArray(v) && typeof v[0] === 'string') return v[0];
      }
      return undefined;
    };
    const { tokens } = await signInWithSso(
      dev,
      cfg,
      {
        issuer: idpIssuer,
        subject: profile.nameID ?? '',
        email: attr('email', 'email', 'mail') ?? profile.nameID ?? '',
        firstName: attr('first_name', 'first_name', 'firstName', 'givenName') ?? null,
        lastName: attr('last_name', 'last_name', 'lastName', 'surname', 'sn') ?? null,
      },
      clientInfo(c),
    );
    return landWithCookies(c, inResponseTo, tokens, relay);
  };

  app.get('/oidc/callback', async (c) => {
    const dev = c.get('dev');
    const q = c.req.query();
    const state = q.state ?? '';
    return spendingBinding(
      c,
      () => state,
      async () => {
        const { cfg, identity, returnUrl } = await finishOidc(
          dev,
          { code: q.code, state: q.state, error: q.error },
          bindingFrom(c, state),
        );
        const { tokens } = await signInWithSso(dev, cfg, identity, clientInfo(c));
        return landWithCookies(c, state, tokens, returnUrl);
      },
    );
  });

  app.post('/saml/slo', async (c) => {
    const dev = c.get('dev');
    const form = await c.req.parseBody();
    const { location } = await handleLogoutRequest(
      dev,
      typeof form.SAMLRequest === 'string' ? form.SAMLRequest : '',
      typeof form.RelayState === 'string' ? form.RelayState : '',
    );
    if (location) return c.redirect(location, 302);
    return c.html(page('Signed out', '<p>You have been signed out.</p>'));
  });

  return app;
}

type AssertionDoc = {
  Assertion?: {
    $?: { ID?: string };
    Conditions?: { $?: { NotBefore?: string; NotOnOrAfter?: string } }[];
    Subject?: { SubjectConfirmation?: { SubjectConfirmationData?: { $?: { InResponseTo?: string } }[] }[] }[];
  };
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
const LOGOUT_FAULTS = ['bad_signature', 'unsigned', 'expired', 'wrong_destination'] as const;

const page = (title: string, body: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body>${body}</body></html>`;
const hidden = (fields: Record<string, string | undefined>) =>
  Object.entries(fields)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v as string)}">`)
    .join('');

/**
 * §7.5 stand-in SAML IdP, mounted at `/__dev/idp/saml`: metadata, and an SSO endpoint (HTTP-Redirect
 * binding) that asks for an email (or takes `login_hint` with `auto=1`) and posts a signed
 * Response to the SP's ACS. `fault=bad_signature|expired|wrong_audience` spoils the Response.
 * `GET /logout?email=` starts an IdP-initiated single logout: an auto-posting form with a signed
 * LogoutRequest for the SP's SLO endpoint (`fault=unsigned|bad_signature|expired|wrong_destination`
 * spoils it);
 * `GET /slo` is where the SP's LogoutResponse lands.
 */
export function standInSamlIdpRoutes(): Hono<Env> {
  const app = new Hono<Env>();
  const entityId = (dev: Dev) => `${dev.config.url}/__dev/idp/saml`;

  app.get('/metadata', (c) => {
    const dev = c.get('dev');
    return c.body(idpMetadata(entityId(dev), `${entityId(dev)}/sso`, `${entityId(dev)}/slo`), 200, {
      'content-type': 'application/xml',
    });
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

  app.get('/logout', (c) => {
    const dev = c.get('dev');
    const q = c.req.query();
    if (!q.email || !/^[^@\s]+@[^@\s]+$/.test(q.email)) throw new HttpError(400, 'email is required');
    const fault = (LOGOUT_FAULTS as readonly string[]).includes(q.fault ?? '')
      ? (q.fault as (typeof LOGOUT_FAULTS)[number])
      : null;
    const SAMLRequest = signedLogoutRequest({
      issuer: entityId(dev),
      destination: fault === 'wrong_destination' ? 'https://another-sp.invalid/slo' : sloUrl(dev),
      email: q.email.toLowerCase(),
      nowMs: dev.clock.now(),
      fault: fault === 'wrong_destination' ? null : fault,
    });
    return c.html(
      page(
        'Signing out…',
        `<form id="saml" method="post" action="${escapeHtml(sloUrl(dev))}">` +
          hidden({ SAMLRequest, RelayState: q.RelayState }) +
          '<noscript><button type="submit">Continue</button></noscript></form>' +
          '<script>document.getElementById("saml").submit()</script>',
      ),
    );
  });

  app.get('/slo', (c) => {
    let response = '';
    try {
      response = inflateRawSync(Buffer.from(c.req.query('SAMLResponse') ?? '', 'base64')).toString('utf8');
    } catch {
      throw new HttpError(400, 'Invalid SAMLResponse');
    }
    const status = /<(?:\w+:)?StatusCode\b[^>]*\bValue="([^"]+)"/.exec(response)?.[1];
    if (!status) throw new HttpError(400, 'Invalid SAMLResponse');
    const ok = status.endsWith(':Success');
    return c.html(
      page(
        ok ? 'Signed out' : 'Sign-out refused',
        `<h1>${ok ? 'Signed out' : 'Sign-out refused'}</h1><p data-status="${escapeHtml(status)}">${escapeHtml(status)}</p>`,
      ),
    );
  });

  return app;
}

const OIDC_CODE_TTL = 10 * 60_000;

interface OidcCodeData {
  client_id: string;
  redirect_uri: string;
  nonce: string | null;
  email: string;
  name: string;
  code_challenge: string | null;
  code_challenge_method: string | null;
  fault: IdTokenFault | null;
}

/** OAuth 2.0 error bodies (RFC 6749 §5.2), not the Janua envelope: this is the provider talking. */
const oauthError = (c: Context<Env>, status: 400 | 401, error: string, description: string) => {
  if (status === 401) c.header('www-authenticate', 'Basic realm="janua-dev-idp"');
  c.header('cache-control', 'no-store');
  return c.json({ error, error_description: description }, status);
};

/** Client authentication at the token endpoint: `client_secret_basic` or `client_secret_post`, not both. */
function tokenClient(c: Context<Env>, form: Record<string, unknown>): { id: string; secret: string } | null {
  const header = c.req.header('authorization');
  const posted = typeof form.client_secret === 'string';
  if (header?.startsWith('Basic ')) {
    if (posted) return null;
    const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
    const i = decoded.indexOf(':');
    if (i < 0) return null;
    const dec = (v: string) => {
      try {
        return decodeURIComponent(v.replace(/\+/g, ' '));
      } catch {
        return null;
      }
    };
    const id = dec(decoded.slice(0, i));
    const secret = dec(decoded.slice(i + 1));
    return id !== null && secret !== null ? { id, secret } : null;
  }
  if (typeof form.client_id === 'string' && posted) return { id: form.client_id, secret: form.client_secret as string };
  return null;
}

const s256 = (v: string) => createHash('sha256').update(v).digest('base64url');

/**
 * §7.5 stand-in OpenID provider, mounted at `/__dev/idp/oidc`: discovery, RFC 7591 client
 * registration, an authorization endpoint with a form (`login_hint` + `auto=1` skips it, `deny=1`
 * answers `access_denied`, `fault=…` spoils the id_token), the token endpoint (authorization code,
 * PKCE when the request had a challenge), JWKS and userinfo.
 */
export function standInOidcIdpRoutes(): Hono<Env> {
  const app = new Hono<Env>();

  app.get('/.well-known/openid-configuration', (c) => c.json(oidcIdpConfiguration(c.get('dev'))));

  app.get('/jwks', async (c) => c.json({ keys: [(await standInOidcKeys()).jwk] }));

  app.post('/register', async (c) => {
    const dev = c.get('dev');
    let body: { redirect_uris?: unknown; client_name?: unknown };
    try {
      body = (await c.req.json()) as typeof body;
    } catch {
      return c.json({ error: 'invalid_client_metadata', error_description: 'JSON body required' }, 400);
    }
    const uris = body?.redirect_uris;
    const valid =
      Array.isArray(uris) &&
      uris.length > 0 &&
      uris.every((u) => {
        try {
          return typeof u === 'string' && ['http:', 'https:'].includes(new URL(u).protocol) && !new URL(u).hash;
        } catch {
          return false;
        }
      });
    if (!valid) {
      return c.json({ error: 'invalid_redirect_uri', error_description: 'redirect_uris must be absolute URLs' }, 400);
    }
    const client = registerOidcIdpClient(dev, {
      redirectUris: uris as string[],
      name: typeof body.client_name === 'string' ? body.client_name.slice(0, 200) : null,
    });
    return c.json(
      {
        client_id: client.client_id,
        client_secret: client.client_secret,
        client_id_issued_at: Math.floor(client.created_at / 1000),
        client_secret_expires_at: 0,
        client_name: client.name,
        redirect_uris: client.redirect_uris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
      201,
    );
  });

  app.get('/authorize', (c) => {
    const dev = c.get('dev');
    const q = c.req.query();
    const client = q.client_id ? getOidcIdpClient(dev, q.client_id) : undefined;
    // Without a known client and one of its redirect URIs, nothing may be redirected (RFC 6749 §4.1.2.1).
    if (!client) throw new HttpError(400, 'Unknown client_id');
    if (!q.redirect_uri || !client.redirect_uris.includes(q.redirect_uri)) {
      throw new HttpError(400, 'redirect_uri is not registered for this client');
    }
    const back = new URL(q.redirect_uri);
    const answer = (params: Record<string, string>) => {
      for (const [k, v] of Object.entries(params)) back.searchParams.set(k, v);
      if (q.state) back.searchParams.set('state', q.state);
      return c.redirect(back.toString(), 302);
    };
    if (q.response_type !== 'code') return answer({ error: 'unsupported_response_type' });
    if (!(q.scope ?? '').split(' ').includes('openid')) return answer({ error: 'invalid_scope' });
    if (q.code_challenge && !['S256', 'plain', undefined].includes(q.code_challenge_method)) {
      return answer({ error: 'invalid_request', error_description: 'unsupported code_challenge_method' });
    }
    if (q.deny === '1') return answer({ error: 'access_denied' });
    const email = (q.login_hint ?? '').trim().toLowerCase();
    if (q.auto !== '1' || !/^[^@\s]+@[^@\s]+$/.test(email)) {
      const keep = Object.entries(q).filter(([k]) => !['login_hint', 'name', 'auto'].includes(k));
      return c.html(
        page(
          'Janua dev OpenID provider',
          `<h1>Sign in (dev stand-in OpenID provider)</h1><form method="get" action="${escapeHtml(`${oidcIdpConfiguration(dev).authorization_endpoint}`)}">` +
            hidden({ ...Object.fromEntries(keep), auto: '1' }) +
            `<label>Email <input name="login_hint" type="email" value="${escapeHtml(email)}" required></label> ` +
            '<label>Name <input name="name"></label> <button type="submit">Continue</button></form>',
        ),
      );
    }
    const fault = (ID_TOKEN_FAULTS as readonly string[]).includes(q.fault ?? '') ? (q.fault as IdTokenFault) : null;
    const data: OidcCodeData = {
      client_id: client.client_id,
      redirect_uri: q.redirect_uri,
      nonce: q.nonce ?? null,
      email,
      name: (q.name ?? '').trim(),
      code_challenge: q.code_challenge ?? null,
      code_challenge_method: q.code_challenge ? (q.code_challenge_method ?? 'plain') : null,
      fault,
    };
    const code = issueOneTimeToken(dev, 'oidc_idp_code', OIDC_CODE_TTL, {
      email,
      data: data as unknown as Record<string, unknown>,
    });
    return answer({ code });
  });

  app.post('/token', async (c) => {
    const dev = c.get('dev');
    const form = (await c.req.parseBody()) as Record<string, unknown>;
    const client = tokenClient(c, form);
    if (!client || !oidcIdpClientSecretMatches(dev, client.id, client.secret)) {
      return oauthError(c, 401, 'invalid_client', 'Client authentication failed');
    }
    if (form.grant_type !== 'authorization_code') {
      return oauthError(c, 400, 'unsupported_grant_type', 'Only authorization_code is supported');
    }
    const consumed = typeof form.code === 'string' ? consumeOneTimeToken(dev, 'oidc_idp_code', form.code) : null;
    const data = consumed?.data as unknown as OidcCodeData | undefined;
    if (!data || data.client_id !== client.id) {
      return oauthError(c, 400, 'invalid_grant', 'The code is invalid, expired, used or for another client');
    }
    if (form.redirect_uri !== data.redirect_uri) return oauthError(c, 400, 'invalid_grant', 'redirect_uri mismatch');
    if (data.code_challenge) {
      const verifier = typeof form.code_verifier === 'string' ? form.code_verifier : '';
      const expected = data.code_challenge_method === 'S256' ? s256(verifier) : verifier;
      if (!verifier || expected !== data.code_challenge) {
        return oauthError(c, 400, 'invalid_grant', 'code_verifier does not match');
      }
    }
    const nowMs = dev.clock.now();
    const id_token = await signIdToken(dev, {
      clientId: client.id,
      email: data.email,
      name: data.name,
      nonce: data.nonce,
      nowMs,
      fault: data.fault,
    });
    const access_token = await signIdpAccessToken(dev, {
      clientId: client.id,
      email: data.email,
      name: data.name,
      nowMs,
    });
    c.header('cache-control', 'no-store');
    return c.json({ access_token, token_type: 'Bearer', expires_in: 3600, id_token, scope: 'openid email profile' });
  });

  const userinfo = async (c: Context<Env>) => {
    const auth = c.req.header('authorization') ?? '';
    const info = auth.startsWith('Bearer ') ? await userinfoFor(c.get('dev'), auth.slice(7)) : null;
    if (!info) {
      c.header('www-authenticate', 'Bearer error="invalid_token"');
      return c.json({ error: 'invalid_token' }, 401);
    }
    return c.json(info);
  };
  app.get('/userinfo', userinfo);
  app.post('/userinfo', userinfo);

  return app;
}
