import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { getCurrentUser, signIn, signUp } from '@janua/auth';
import {
  AuthorizationError,
  createJanua,
  type Janua,
  NotFoundError,
  request,
  ValidationError,
  withTokens,
} from '@janua/core';
import { type DevServer, startDevServer } from '@janua/dev-server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SignedXml } from 'xml-crypto';
import {
  createSsoConfiguration,
  deleteSsoConfiguration,
  getSsoConfiguration,
  getSsoLoginUrl,
  getSsoMetadata,
  listAuditLogs,
  testSsoConfiguration,
  updateSsoConfiguration,
} from '../src/index';
import { PASSWORD, rejectionOf, uniqueEmail } from './helpers';

/** A throw-away IdP key pair and self-signed certificate (node:crypto cannot issue certificates). */
function makeIdpKeys(cn: string): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'janua-idp-'));
  try {
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', '2', '-subj', `/CN=${cn}`].concat([
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ]),
      { stdio: 'ignore' },
    );
    return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

let server: DevServer;
let admin: Janua;
let idp: { key: string; cert: string };
let rogue: { key: string; cert: string };
beforeAll(async () => {
  server = await startDevServer();
  admin = createJanua({ baseUrl: server.url, env: {} });
  await signIn(admin, { email: server.admin.email, password: server.admin.password });
  idp = makeIdpKeys('test-idp');
  rogue = makeIdpKeys('rogue-idp');
});
afterAll(() => server.close());

const acs = () => `${server.url}/api/v1/sso/saml/acs`;
const audienceOf = (orgId: string) => `${server.url}/api/v1/sso/metadata/${orgId}`;

async function newOrg(): Promise<{ id: string; slug: string }> {
  const slug = `sso-${Math.random().toString(36).slice(2, 10)}`;
  const org = await request<{ id: string }>(admin, {
    method: 'POST',
    path: '/organizations/',
    body: { name: slug, slug },
  });
  return { id: org.id, slug };
}

interface ResponseOptions {
  email: string;
  audience: string;
  notBefore?: Date;
  notOnOrAfter?: Date;
  inResponseTo?: string;
  /** Default: the IdP entity id configured for the audience's organization. */
  issuer?: string;
  sign?: 'assertion' | 'response' | 'none';
  key?: string;
  cert?: string;
}

/** The test IdP: a SAML 2.0 Response, signed with xml-crypto (RSA-SHA256, exclusive c14n). */
function samlResponse(o: ResponseOptions): string {
  const now = new Date();
  const notBefore = (o.notBefore ?? new Date(now.getTime() - 60_000)).toISOString();
  const notOnOrAfter = (o.notOnOrAfter ?? new Date(now.getTime() + 5 * 60_000)).toISOString();
  const issuer = o.issuer ?? idpEntity(o.audience.split('/').pop() as string);
  const irt = o.inResponseTo ? ` InResponseTo="${o.inResponseTo}"` : '';
  const xml =
    `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_r${randomUUID()}" Version="2.0" IssueInstant="${now.toISOString()}" Destination="${acs()}"${irt}>` +
    `<saml:Issuer>${issuer}</saml:Issuer>` +
    '<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>' +
    `<saml:Assertion ID="_a${randomUUID()}" Version="2.0" IssueInstant="${now.toISOString()}">` +
    `<saml:Issuer>${issuer}</saml:Issuer>` +
    '<saml:Subject>' +
    `<saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">${o.email}</saml:NameID>` +
    '<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">' +
    `<saml:SubjectConfirmationData NotOnOrAfter="${notOnOrAfter}" Recipient="${acs()}"${irt}/>` +
    '</saml:SubjectConfirmation></saml:Subject>' +
    `<saml:Conditions NotBefore="${notBefore}" NotOnOrAfter="${notOnOrAfter}">` +
    `<saml:AudienceRestriction><saml:Audience>${o.audience}</saml:Audience></saml:AudienceRestriction>` +
    '</saml:Conditions>' +
    `<saml:AuthnStatement AuthnInstant="${now.toISOString()}" SessionIndex="_s1"><saml:AuthnContext>` +
    '<saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef>' +
    '</saml:AuthnContext></saml:AuthnStatement>' +
    '<saml:AttributeStatement>' +
    `<saml:Attribute Name="email"><saml:AttributeValue>${o.email}</saml:AttributeValue></saml:Attribute>` +
    '<saml:Attribute Name="first_name"><saml:AttributeValue>Grace</saml:AttributeValue></saml:Attribute>' +
    '<saml:Attribute Name="last_name"><saml:AttributeValue>Hopper</saml:AttributeValue></saml:Attribute>' +
    '</saml:AttributeStatement>' +
    '</saml:Assertion></samlp:Response>';
  const mode = o.sign ?? 'assertion';
  if (mode === 'none') return Buffer.from(xml).toString('base64');
  const target = mode === 'assertion' ? 'Assertion' : 'Response';
  const sig = new SignedXml({
    privateKey: o.key ?? idp.key,
    publicCert: o.cert ?? idp.cert,
    signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  });
  sig.addReference({
    xpath: `//*[local-name(.)='${target}']`,
    transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'],
    digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
  });
  sig.computeSignature(xml, {
    location: { reference: `//*[local-name(.)='${target}']/*[local-name(.)='Issuer']`, action: 'after' },
  });
  return Buffer.from(sig.getSignedXml()).toString('base64');
}

/** What the browser does with the IdP's auto-submitting form; `cookie` is what it got at initiate. */
const postToAcs = (SAMLResponse: string, RelayState = '', cookie = '') =>
  fetch(acs(), {
    method: 'POST',
    body: new URLSearchParams({ SAMLResponse, RelayState }),
    headers: cookie ? { cookie } : {},
    redirect: 'manual',
  });

/**
 * A browser starting a sign-in (`GET /sso/initiate`): the IdP URL, the AuthnRequest id a Response
 * must answer, and the binding cookie the ACS wants back.
 */
async function solicit(
  slug: string,
  returnUrl?: string,
): Promise<{ location: string; requestId: string; cookie: string }> {
  const q = new URLSearchParams({ organization_slug: slug, ...(returnUrl ? { return_url: returnUrl } : {}) });
  const res = await fetch(`${server.url}/api/v1/sso/initiate?${q}`, { redirect: 'manual' });
  expect(res.status).toBe(302);
  const location = res.headers.get('location') as string;
  const authnRequest = inflateRawSync(
    Buffer.from(new URL(location).searchParams.get('SAMLRequest') as string, 'base64'),
  ).toString();
  const cookie = res.headers
    .getSetCookie()
    .map((l) => l.split(';')[0])
    .join('; ');
  return { location, requestId: /ID="([^"]+)"/.exec(authnRequest)?.[1] as string, cookie };
}

/** A Response to a fresh AuthnRequest of `slug`, posted by the browser that started it. */
async function solicited(slug: string, o: Omit<ResponseOptions, 'inResponseTo'>): Promise<Response> {
  const { requestId, cookie } = await solicit(slug);
  return postToAcs(samlResponse({ ...o, inResponseTo: requestId }), '', cookie);
}

function cookiesOf(res: Response): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const [name, value] = (pair as string).split('=');
    out[name as string] = value as string;
  }
  return out;
}

/** The IdP entity id of each organization's IdP application (unique, as real IdPs make it). */
const idpEntity = (orgId: string) => `https://idp.test/apps/${orgId}`;

async function configured(extra: { allowedDomains?: string[]; defaultRole?: string } = {}) {
  const org = await newOrg();
  const config = await createSsoConfiguration(admin, {
    organizationId: org.id,
    provider: 'saml',
    samlSsoUrl: 'https://idp.test/sso',
    samlCertificate: idp.cert,
    samlEntityId: idpEntity(org.id),
    ...extra,
  });
  return { org, config };
}

async function expectRejected(res: Response) {
  expect(res.status).toBe(401);
  const body = (await res.json()) as { error: { message: string } };
  expect(body.error.message).toBe('SSO authentication failed');
  // Nothing but the spent binding cookie being cleared.
  expect(res.headers.getSetCookie().filter((c) => !/^janua_sso_[0-9a-f]{8}=;/.test(c))).toEqual([]);
}

describe('SSO configuration', () => {
  test('create, get, update, test, metadata, delete', async () => {
    const { org, config } = await configured();
    expect(config).toMatchObject({
      organizationId: org.id,
      provider: 'saml',
      status: 'active',
      enabled: true,
      samlEntityId: idpEntity(org.id),
      samlAcsUrl: acs(),
      samlSsoUrl: 'https://idp.test/sso',
      jitProvisioning: true,
      defaultRole: 'member',
      allowedDomains: [],
    });
    expect(config.createdAt).toBeInstanceOf(Date);
    expect((await getSsoConfiguration(admin, { organizationId: org.id })).id).toBe(config.id);

    const again = await rejectionOf(
      createSsoConfiguration(admin, { organizationId: org.id, provider: 'saml', samlCertificate: idp.cert }),
    );
    expect(again).toBeInstanceOf(ValidationError);
    expect(again.message).toBe('SSO configuration already exists for this organization');

    const updated = await updateSsoConfiguration(admin, {
      organizationId: org.id,
      allowedDomains: ['Example.TEST'],
      defaultRole: 'viewer',
      enabled: false,
    });
    expect(updated).toMatchObject({
      allowedDomains: ['example.test'],
      defaultRole: 'viewer',
      enabled: false,
      status: 'inactive',
    });

    const report = await testSsoConfiguration(admin, { configurationId: config.id });
    expect(report).toMatchObject({ configuration_id: config.id, provider: 'saml', success: false });
    expect(report.checks).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'certificate', passed: true }),
        expect.objectContaining({ name: 'enabled', passed: false }),
      ]),
    );

    const xml = await getSsoMetadata(createJanua({ baseUrl: server.url, env: {} }), { organizationId: org.id });
    expect(xml).toContain(`entityID="${audienceOf(org.id)}"`);
    expect(xml).toContain(`Location="${acs()}"`);

    // Disabled: no sign-in starts.
    const off = await rejectionOf(getSsoLoginUrl(admin, { organizationSlug: org.slug }));
    expect(off).toBeInstanceOf(ValidationError);
    expect(off.message).toBe('SSO is not enabled for this organization');
    expect(await rejectionOf(getSsoLoginUrl(admin, { organizationSlug: 'no-such-org' }))).toBeInstanceOf(NotFoundError);

    await deleteSsoConfiguration(admin, { organizationId: org.id });
    expect(await rejectionOf(getSsoConfiguration(admin, { organizationId: org.id }))).toBeInstanceOf(NotFoundError);
  });

  test('writes need a platform admin; reads a member; bad input fails locally', async () => {
    const { org } = await configured();
    const plain = createJanua({ baseUrl: server.url, env: {} });
    await signUp(plain, { email: uniqueEmail('plain'), password: PASSWORD });
    const denied = await rejectionOf(updateSsoConfiguration(plain, { organizationId: org.id, enabled: false }));
    expect(denied).toBeInstanceOf(AuthorizationError);
    expect(denied.message).toBe('Admin privileges required');
    const outsider = await rejectionOf(getSsoConfiguration(plain, { organizationId: org.id }));
    expect(outsider).toBeInstanceOf(AuthorizationError);
    expect(outsider.message).toBe('User does not belong to this organization');

    const before = server.requests().length;
    expect(await rejectionOf(getSsoConfiguration(admin, { organizationId: 'x' }))).toBeInstanceOf(ValidationError);
    expect(
      // biome-ignore lint/suspicious/noExplicitAny: untyped callers
      await rejectionOf(createSsoConfiguration(admin, { organizationId: org.id, provider: 'ldap' as any })),
    ).toBeInstanceOf(ValidationError);
    expect(await rejectionOf(getSsoLoginUrl(admin, { organizationSlug: '' }))).toBeInstanceOf(ValidationError);
    expect(server.requests().length).toBe(before);
  });
});

describe('SSO configuration with an API key (§1.2: limited to its organization)', () => {
  test("a key of org A cannot create, change, delete or test org B's configuration", async () => {
    const { org, config } = await configured();
    const key = (method: string, path: string, body?: unknown) =>
      fetch(`${server.url}/api/v1${path}`, {
        method,
        headers: { 'x-api-key': server.apiKey, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const expect403 = async (res: Response) => {
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { message: string } }).error.message).toBe('Admin privileges required');
    };
    const fresh = await newOrg();
    await expect403(
      await key('POST', `/sso/configurations?organization_id=${fresh.id}`, {
        provider: 'saml',
        saml_sso_url: 'https://idp.test/sso',
        saml_certificate: idp.cert,
      }),
    );
    await expect403(await key('PUT', `/sso/configurations/${org.id}`, { enabled: false }));
    await expect403(await key('DELETE', `/sso/configurations/${org.id}`));
    await expect403(await key('POST', '/sso/test', { configuration_id: config.id }));
    expect((await getSsoConfiguration(admin, { organizationId: org.id })).enabled).toBe(true);
    expect(await rejectionOf(getSsoConfiguration(admin, { organizationId: fresh.id }))).toBeInstanceOf(NotFoundError);

    // Its own organization ("dev", seeded with the key): allowed.
    const verified = await fetch(`${server.url}/api/v1/api-keys/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key: server.apiKey }),
    });
    const dev = { id: ((await verified.json()) as { org_id: string }).org_id };
    const own = await key('POST', `/sso/configurations?organization_id=${dev.id}`, {
      provider: 'saml',
      saml_sso_url: 'https://idp.test/sso',
      saml_certificate: idp.cert,
    });
    expect(own.status).toBe(200);
    const ownId = ((await own.json()) as { id: string }).id;
    expect((await key('POST', '/sso/test', { configuration_id: ownId })).status).toBe(200);
    expect((await key('DELETE', `/sso/configurations/${dev.id}`)).status).toBe(200);
  });
});

describe('SAML sign-in', () => {
  test('a signed response signs a new user in (JIT, default role) and lands on return_url with cookies', async () => {
    const { org } = await configured({ defaultRole: 'viewer' });
    const returnUrl = `${server.url}/after-sso`;
    const viaSdk = await getSsoLoginUrl(createJanua({ baseUrl: server.url, env: {} }), {
      organizationSlug: org.slug,
      returnUrl,
    });
    expect(viaSdk).toBe(
      `${server.url}/api/v1/sso/initiate?organization_slug=${org.slug}&return_url=${encodeURIComponent(returnUrl)}`,
    );
    const { location, cookie } = await solicit(org.slug, returnUrl);
    const idpUrl = new URL(location);
    expect(idpUrl.origin + idpUrl.pathname).toBe('https://idp.test/sso');
    expect(idpUrl.searchParams.get('RelayState')).toBe(returnUrl);
    const authnRequest = inflateRawSync(
      Buffer.from(idpUrl.searchParams.get('SAMLRequest') as string, 'base64'),
    ).toString();
    expect(authnRequest).toContain(
      `<saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">${audienceOf(org.id)}</saml:Issuer>`,
    );
    const requestId = /ID="([^"]+)"/.exec(authnRequest)?.[1] as string;

    const email = uniqueEmail('grace');
    const response = samlResponse({ email, audience: audienceOf(org.id), inResponseTo: requestId });
    const relay = idpUrl.searchParams.get('RelayState') as string;
    // Posted into a browser that did not start this sign-in (login CSRF): refused, and the
    // AuthnRequest is spent.
    await expectRejected(await postToAcs(response, relay, (await solicit(org.slug)).cookie));
    const retry = await solicit(org.slug, returnUrl);
    const res = await postToAcs(
      samlResponse({ email, audience: audienceOf(org.id), inResponseTo: retry.requestId }),
      relay,
      retry.cookie,
    );
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(returnUrl);
    const setCookies = res.headers.getSetCookie();
    expect(setCookies.find((c) => c.startsWith('access_token='))).toMatch(/HttpOnly/i);
    // §7.1: no Secure on http://.
    expect(setCookies.find((c) => c.startsWith('access_token='))).not.toMatch(/Secure/i);
    expect(setCookies.find((c) => c.startsWith('access_token='))).toMatch(/SameSite=Lax/i);
    const cookies = cookiesOf(res);

    const user = withTokens(createJanua({ baseUrl: server.url, env: {} }), {
      accessToken: cookies.access_token as string,
      refreshToken: cookies.refresh_token as string,
      expiresAt: Date.now() + 60_000,
    });
    const me = await getCurrentUser(user);
    expect(me).toMatchObject({ email, firstName: 'Grace', lastName: 'Hopper', emailVerified: true });
    const members = await request<{ user_id: string; role: string }[]>(admin, {
      method: 'GET',
      path: `/organizations/${org.id}/members`,
    });
    expect(members.find((m) => m.user_id === me.id)?.role).toBe('viewer');

    // The AuthnRequest id is single use, also with the right cookie.
    await expectRejected(
      await postToAcs(
        samlResponse({ email, audience: audienceOf(org.id), inResponseTo: retry.requestId }),
        '',
        retry.cookie,
      ),
    );
    await expectRejected(
      await postToAcs(samlResponse({ email, audience: audienceOf(org.id), inResponseTo: '_never-issued' }), '', cookie),
    );
    // Unsolicited (IdP-initiated) responses are refused: nothing binds them to a browser.
    await expectRejected(await postToAcs(samlResponse({ email, audience: audienceOf(org.id), sign: 'response' })));

    // Signed over the whole Response, answering a fresh request: the linked user signs in again.
    const again = await solicited(org.slug, { email, audience: audienceOf(org.id), sign: 'response' });
    expect(again.status).toBe(302);
    const audit = await listAuditLogs(admin, { actor: me.id, action: 'session.created' });
    expect(audit.data.length).toBe(2);
  });

  test("an unsolicited assertion re-wrapped with our InResponseTo, or answering another configuration's request, is refused", async () => {
    const { org } = await configured();
    const email = uniqueEmail('rewrapped');
    // IdP-initiated: only the Assertion is signed, nothing answers a request.
    const unsolicited = Buffer.from(samlResponse({ email, audience: audienceOf(org.id) }), 'base64').toString();
    await expectRejected(await postToAcs(Buffer.from(unsolicited).toString('base64')));
    // Whoever holds it starts a sign-in and puts the request id on the unsigned Response wrapper.
    const { requestId, cookie } = await solicit(org.slug);
    const wrapped = unsolicited.replace('<samlp:Response ', `<samlp:Response InResponseTo="${requestId}" `);
    await expectRejected(await postToAcs(Buffer.from(wrapped).toString('base64'), '', cookie));
    // A request started for organization B does not answer for A's configuration, even fully signed.
    const { org: other } = await configured();
    const b = await solicit(other.slug);
    await expectRejected(
      await postToAcs(
        samlResponse({ email, audience: audienceOf(org.id), inResponseTo: b.requestId, sign: 'response' }),
        '',
        b.cookie,
      ),
    );
    // The genuine flow still works, with either signature.
    expect((await solicited(org.slug, { email, audience: audienceOf(org.id) })).status).toBe(302);
    expect((await solicited(org.slug, { email, audience: audienceOf(org.id), sign: 'response' })).status).toBe(302);
    const reasons = (await listAuditLogs(admin, { action: 'sso.signin_failed', limit: 100 })).data
      .filter((a) => a.details?.organizationId === org.id || a.details?.organization_id === org.id)
      .map((a) => a.details?.reason);
    expect(reasons).toContain('assertion does not answer this request');
  });

  test('unsigned, wrongly signed, tampered, expired and wrong-audience responses are rejected', async () => {
    const { org } = await configured();
    const email = uniqueEmail('mallory');
    const audience = audienceOf(org.id);
    await expectRejected(await solicited(org.slug, { email, audience, sign: 'none' }));
    await expectRejected(await solicited(org.slug, { email, audience, key: rogue.key, cert: rogue.cert }));
    const forTampering = await solicit(org.slug);
    const signed = Buffer.from(
      samlResponse({ email, audience, inResponseTo: forTampering.requestId }),
      'base64',
    ).toString();
    const tampered = signed.replaceAll(email, uniqueEmail('eve'));
    await expectRejected(await postToAcs(Buffer.from(tampered).toString('base64'), '', forTampering.cookie));
    await expectRejected(
      await solicited(org.slug, {
        email,
        audience,
        notBefore: new Date(Date.now() - 20 * 60_000),
        notOnOrAfter: new Date(Date.now() - 10 * 60_000),
      }),
    );
    await expectRejected(
      await solicited(org.slug, { email, audience: 'https://other-sp.test/metadata', issuer: idpEntity(org.id) }),
    );
    await expectRejected(await postToAcs('not a saml response'));

    // The window is checked on the dev clock: a fresh response is stale six minutes later.
    const pending = await solicit(org.slug);
    const fresh = samlResponse({ email, audience, inResponseTo: pending.requestId });
    await fetch(`${server.url}/__dev/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advance_ms: 6 * 60_000 }),
    });
    try {
      await expectRejected(await postToAcs(fresh, '', pending.cookie));
    } finally {
      await fetch(`${server.url}/__dev/clock`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ reset: true }),
      });
    }
    // Each was refused for its own reason, and none created a user.
    const failures = await listAuditLogs(admin, { action: 'sso.signin_failed' });
    const reasons = failures.data
      .filter((f) => f.details?.organizationId === org.id)
      .map((f) => String(f.details?.reason).replace(/ Expected: .*/, ''))
      .sort();
    expect(reasons).toEqual([
      'Invalid signature',
      'Invalid signature',
      'Invalid signature',
      'SAML assertion audience mismatch.',
      'assertion expired',
      'assertion expired',
    ]);
    const created = await listAuditLogs(admin, { action: 'user.created' });
    expect(created.data.some((a) => a.userEmail === email)).toBe(false);
  });

  test('allowed domains are enforced; JIT off refuses unknown users', async () => {
    const { org } = await configured({ allowedDomains: ['corp.test'] });
    const outside = await solicited(org.slug, { email: uniqueEmail('x'), audience: audienceOf(org.id) });
    expect(outside.status).toBe(403);
    const inside = await solicited(org.slug, {
      email: `ok-${randomUUID().slice(0, 8)}@corp.test`,
      audience: audienceOf(org.id),
    });
    expect(inside.status).toBe(302);

    await updateSsoConfiguration(admin, { organizationId: org.id, jitProvisioning: false });
    const unknown = await solicited(org.slug, {
      email: `new-${randomUUID().slice(0, 8)}@corp.test`,
      audience: audienceOf(org.id),
    });
    expect(unknown.status).toBe(403);
  });

  test('the dev stand-in IdP (§7.5): metadata URL, initiate → IdP form → signed Response → ACS; faults', async () => {
    const org = await newOrg();
    const config = await createSsoConfiguration(admin, {
      organizationId: org.id,
      provider: 'saml',
      samlMetadataUrl: `${server.url}/__dev/idp/saml/metadata`,
    });
    expect(config).toMatchObject({
      status: 'active',
      samlEntityId: `${server.url}/__dev/idp/saml`,
      samlSsoUrl: `${server.url}/__dev/idp/saml/sso`,
    });
    expect((await testSsoConfiguration(admin, { configurationId: config.id })).success).toBe(true);

    const hiddenValue = (html: string, name: string) =>
      new RegExp(`name="${name}" value="([^"]*)"`)
        .exec(html)?.[1]
        ?.replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&');
    async function throughIdp(email: string, extra = '') {
      const returnUrl = `${server.url}/welcome`;
      const { location, cookie } = await solicit(org.slug, returnUrl);
      expect(location.startsWith(`${server.url}/__dev/idp/saml/sso?`)).toBe(true);
      const form = await fetch(location);
      expect(await form.text()).toContain('name="login_hint"');
      const idpPage = await (
        await fetch(`${location}&login_hint=${encodeURIComponent(email)}&name=Alan+Turing&auto=1${extra}`)
      ).text();
      expect(idpPage).toContain(`action="${acs()}"`);
      const SAMLResponse = hiddenValue(idpPage, 'SAMLResponse') as string;
      const res = await postToAcs(SAMLResponse, hiddenValue(idpPage, 'RelayState'), cookie);
      return Object.assign(res, { replay: () => postToAcs(SAMLResponse, hiddenValue(idpPage, 'RelayState'), cookie) });
    }

    const email = uniqueEmail('alan');
    const ok = await throughIdp(email);
    expect(ok.status).toBe(302);
    expect(ok.headers.get('location')).toBe(`${server.url}/welcome`);
    const cookies = cookiesOf(ok);
    const me = await getCurrentUser(
      withTokens(createJanua({ baseUrl: server.url, env: {} }), {
        accessToken: cookies.access_token as string,
        refreshToken: cookies.refresh_token as string,
        expiresAt: Date.now() + 60_000,
      }),
    );
    expect(me).toMatchObject({ email, firstName: 'Alan', lastName: 'Turing' });
    // The same Response posted again, by the same browser: used once, refused now.
    await expectRejected(await ok.replay());

    for (const fault of ['bad_signature', 'expired', 'wrong_audience']) {
      await expectRejected(await throughIdp(uniqueEmail(fault.replace('_', '-')), `&fault=${fault}`));
    }
  });
});
