import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getCurrentUser, signIn, signUp } from '@janua/auth';
import { createJanua, type Janua, request, withTokens } from '@janua/core';
import { type DevServer, startDevServer } from '@janua/dev-server';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  createSsoConfiguration,
  getSsoLoginUrl,
  listAuditLogs,
  testSsoConfiguration,
  updateSsoConfiguration,
} from '../src/index';
import { PASSWORD, uniqueEmail } from './helpers';

let server: DevServer;
let admin: Janua;
beforeAll(async () => {
  server = await startDevServer();
  admin = createJanua({ baseUrl: server.url, env: {} });
  await signIn(admin, { email: server.admin.email, password: server.admin.password });
});
afterAll(() => server.close());

const issuer = () => `${server.url}/__dev/idp/oidc`;
const callbackUrl = () => `${server.url}/api/v1/sso/oidc/callback`;
const anonymous = () => createJanua({ baseUrl: server.url, env: {} });

/** RFC 7591 registration at the stand-in provider: what an admin does in their IdP's console. */
async function registerClient(redirectUris = [callbackUrl()]): Promise<{ client_id: string; client_secret: string }> {
  const res = await fetch(`${issuer()}/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ redirect_uris: redirectUris, client_name: 'Janua' }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { client_id: string; client_secret: string };
}

async function oidcOrg(extra: { allowedDomains?: string[]; defaultRole?: string } = {}) {
  const slug = `oidc-${Math.random().toString(36).slice(2, 10)}`;
  const org = await request<{ id: string }>(admin, {
    method: 'POST',
    path: '/organizations/',
    body: { name: slug, slug },
  });
  const client = await registerClient();
  const config = await createSsoConfiguration(admin, {
    organizationId: org.id,
    provider: 'oidc',
    oidcIssuer: issuer(),
    oidcClientId: client.client_id,
    oidcClientSecret: client.client_secret,
    ...extra,
  });
  return { org: { id: org.id, slug }, client, config };
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

const returnUrl = () => `${server.url}/after-oidc`;

/** What a browser does: navigate to `GET /sso/initiate` and keep the cookie that binds the state to it. */
async function initiate(slug: string, ret = returnUrl()): Promise<{ location: string; cookie: string }> {
  const res = await fetch(
    `${server.url}/api/v1/sso/initiate?organization_slug=${slug}&return_url=${encodeURIComponent(ret)}`,
    { redirect: 'manual' },
  );
  expect(res.status).toBe(302);
  const cookie = res.headers
    .getSetCookie()
    .map((l) => l.split(';')[0])
    .join('; ');
  return { location: res.headers.get('location') as string, cookie };
}

/** initiate → the provider's authorize endpoint with `login_hint` + `auto=1` → its 302 back. */
async function throughProvider(slug: string, email: string, extra = '') {
  const { location, cookie } = await initiate(slug);
  const res = await fetch(`${location}&login_hint=${encodeURIComponent(email)}&name=Ada+Lovelace&auto=1${extra}`, {
    redirect: 'manual',
  });
  expect(res.status).toBe(302);
  const back = new URL(res.headers.get('location') as string);
  expect(back.origin + back.pathname).toBe(callbackUrl());
  return { authorize: new URL(location), back, cookie };
}

/** The provider's 302 back to the callback, followed by a browser that carries `cookie`. */
const callback = (url: URL | string, cookie = '') =>
  fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });
const through = async (slug: string, email: string, extra = '') => {
  const { back, cookie } = await throughProvider(slug, email, extra);
  return callback(back, cookie);
};

async function expectRejected(res: Response) {
  expect(res.status).toBe(401);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error.message).toBe('SSO authentication failed');
  // Nothing but the spent binding cookie being cleared.
  expect(res.headers.getSetCookie().filter((c) => !/^janua_sso_[0-9a-f]{8}=;/.test(c))).toEqual([]);
}

const sessionFrom = (res: Response) => {
  const cookies = cookiesOf(res);
  return withTokens(anonymous(), {
    accessToken: cookies.access_token as string,
    refreshToken: cookies.refresh_token as string,
    expiresAt: Date.now() + 60_000,
  });
};

async function failureReasons(orgId: string): Promise<string[]> {
  const failures = await listAuditLogs(admin, { action: 'sso.signin_failed', limit: 100 });
  return failures.data
    .filter((f) => f.details?.organizationId === orgId)
    .map((f) => String(f.details?.reason))
    .sort();
}

describe('OIDC sign-in through the stand-in provider', () => {
  test('initiate → authorize → callback: JIT user with the default role, cookies, working token', async () => {
    const { org, client, config } = await oidcOrg({ defaultRole: 'viewer' });
    expect(config).toMatchObject({
      provider: 'oidc',
      status: 'active',
      oidcIssuer: issuer(),
      oidcClientId: client.client_id,
    });
    expect((await testSsoConfiguration(admin, { configurationId: config.id })).success).toBe(true);

    const email = uniqueEmail('ada');
    // The SDK call (server side) gets the URL to send the browser to: the dev server's own
    // GET /sso/initiate, which binds that browser with a cookie and goes on to the provider.
    const viaSdk = new URL(await getSsoLoginUrl(anonymous(), { organizationSlug: org.slug, returnUrl: returnUrl() }));
    expect(viaSdk.origin + viaSdk.pathname).toBe(`${server.url}/api/v1/sso/initiate`);
    expect(Object.fromEntries(viaSdk.searchParams)).toEqual({ organization_slug: org.slug, return_url: returnUrl() });
    const { location, cookie } = await initiate(org.slug);
    expect(cookie).toMatch(/^janua_sso_[0-9a-f]{8}=/);
    const authorize = new URL(location);
    expect(authorize.origin + authorize.pathname).toBe(`${issuer()}/authorize`);
    const q = Object.fromEntries(authorize.searchParams);
    expect(q).toMatchObject({
      response_type: 'code',
      client_id: client.client_id,
      redirect_uri: callbackUrl(),
      code_challenge_method: 'S256',
    });
    expect(q.scope?.split(' ')).toContain('openid');
    expect(q.state?.length).toBeGreaterThanOrEqual(32);
    expect(q.nonce?.length).toBeGreaterThanOrEqual(16);
    // The secret never travels through the browser.
    expect(location).not.toContain(client.client_secret);

    // Without login_hint/auto the provider shows its form.
    const form = await fetch(location);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('name="login_hint"');

    const idp = await fetch(`${location}&login_hint=${encodeURIComponent(email)}&name=Ada+Lovelace&auto=1`, {
      redirect: 'manual',
    });
    expect(idp.status).toBe(302);
    const back = new URL(idp.headers.get('location') as string);
    expect(back.searchParams.get('state')).toBe(q.state);
    expect(back.searchParams.get('code')).toBeTruthy();

    // Without the browser's binding cookie (login CSRF: someone else's callback URL) → refused.
    await expectRejected(await callback(back));
    await expectRejected(await callback(back, (await initiate(org.slug)).cookie));

    const landed = await callback(back, cookie);
    expect(landed.status).toBe(302);
    expect(landed.headers.get('location')).toBe(returnUrl());
    const access = landed.headers.getSetCookie().find((c) => c.startsWith('access_token=')) as string;
    expect(access).toMatch(/HttpOnly/i);
    // §7.1: the dev server runs on http://, so no Secure (a browser would drop the cookie).
    expect(access).not.toMatch(/Secure/i);
    expect(access).toMatch(/SameSite=Lax/i);
    // The binding cookie is spent.
    expect(landed.headers.getSetCookie().some((c) => c.startsWith(`${cookie.split('=')[0]}=;`))).toBe(true);
    expect(landed.headers.getSetCookie().some((c) => c.startsWith('refresh_token='))).toBe(true);

    const me = await getCurrentUser(sessionFrom(landed));
    expect(me).toMatchObject({ email, firstName: 'Ada', lastName: 'Lovelace', emailVerified: true });
    const members = await request<{ user_id: string; role: string }[]>(admin, {
      method: 'GET',
      path: `/organizations/${org.id}/members`,
    });
    expect(members.find((m) => m.user_id === me.id)?.role).toBe('viewer');

    // The state is single use: the same callback again is refused.
    await expectRejected(await callback(back, cookie));

    // The account is now linked to this configuration (issuer + sub): it signs in again.
    const second = await through(org.slug, email);
    expect(second.status).toBe(302);
    expect((await getCurrentUser(sessionFrom(second))).id).toBe(me.id);
    const sessions = await listAuditLogs(admin, { actor: me.id, action: 'session.created' });
    expect(sessions.data.length).toBe(2);
  });

  test('a replayed code and a wrong state are refused', async () => {
    const { org } = await oidcOrg();
    const email = uniqueEmail('replay');
    const first = await throughProvider(org.slug, email);
    const code = first.back.searchParams.get('code') as string;
    expect((await callback(first.back, first.cookie)).status).toBe(302);

    // A fresh, valid state with the already redeemed code: the provider refuses the code.
    const second = await throughProvider(org.slug, email);
    const replay = new URL(callbackUrl());
    replay.searchParams.set('code', code);
    replay.searchParams.set('state', second.back.searchParams.get('state') as string);
    await expectRejected(await callback(replay, second.cookie));

    // A valid code with a state this server never issued.
    const third = await throughProvider(org.slug, email);
    const forged = new URL(callbackUrl());
    forged.searchParams.set('code', third.back.searchParams.get('code') as string);
    forged.searchParams.set('state', 'not-a-state-this-server-issued');
    await expectRejected(await callback(forged, third.cookie));
    await expectRejected(await callback(`${callbackUrl()}?code=x`));

    expect(await failureReasons(org.id)).toEqual(['token endpoint answered 400: invalid_grant']);
  });

  test('bad id_tokens and a wrong client secret are refused; nobody is created', async () => {
    const { org } = await oidcOrg();
    const faults = ['tampered', 'bad_signature', 'wrong_audience', 'wrong_issuer', 'wrong_nonce', 'expired'];
    const emails: string[] = [];
    for (const fault of faults) {
      const email = uniqueEmail(fault.replace('_', '-'));
      emails.push(email);
      await expectRejected(await through(org.slug, email, `&fault=${fault}`));
    }
    await updateSsoConfiguration(admin, { organizationId: org.id, oidcClientSecret: 'not-the-secret' });
    const wrongSecret = uniqueEmail('secret');
    emails.push(wrongSecret);
    await expectRejected(await through(org.slug, wrongSecret));

    const reasons = (await failureReasons(org.id)).map((r) => r.replace(/^id_token rejected: /, '')).sort();
    expect(reasons).toEqual(
      [
        'signature verification failed',
        'signature verification failed',
        'unexpected "aud" claim value',
        'unexpected "iss" claim value',
        'id_token nonce mismatch',
        '"exp" claim timestamp check failed',
        'token endpoint answered 401: invalid_client',
      ].sort(),
    );
    const created = await listAuditLogs(admin, { action: 'user.created', limit: 100 });
    expect(created.data.filter((a) => emails.includes(a.userEmail ?? '')).length).toBe(0);
  });

  test('deny=1 lands on the callback with access_denied and no session', async () => {
    const { org } = await oidcOrg();
    const { location, cookie } = await initiate(org.slug);
    const denied = await fetch(`${location}&deny=1`, { redirect: 'manual' });
    expect(denied.status).toBe(302);
    const back = new URL(denied.headers.get('location') as string);
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('code')).toBeNull();
    await expectRejected(await callback(back, cookie));
    expect(await failureReasons(org.id)).toEqual(['identity provider error: access_denied']);
  });

  test('allowed_domains are enforced; the code and state live 10 minutes on the dev clock', async () => {
    const { org } = await oidcOrg({ allowedDomains: ['corp.test'] });
    const outside = await through(org.slug, uniqueEmail('outside'));
    expect(outside.status).toBe(403);
    expect(((await outside.json()) as { error: { message: string } }).error.message).toBe(
      'Email domain is not allowed for this organization',
    );
    expect(outside.headers.getSetCookie().filter((c) => !/^janua_sso_[0-9a-f]{8}=;/.test(c))).toEqual([]);
    const inside = await through(org.slug, `ok-${Date.now()}@corp.test`);
    expect(inside.status).toBe(302);

    const late = await throughProvider(org.slug, `late-${Date.now()}@corp.test`);
    server.advanceClock(11 * 60_000);
    try {
      await expectRejected(await callback(late.back, late.cookie));
    } finally {
      server.advanceClock(-11 * 60_000);
    }
  });

  test('an OIDC configuration whose provider cannot be discovered does not redirect', async () => {
    const slug = `oidc-${Math.random().toString(36).slice(2, 10)}`;
    const org = await request<{ id: string }>(admin, {
      method: 'POST',
      path: '/organizations/',
      body: { name: slug, slug },
    });
    await createSsoConfiguration(admin, {
      organizationId: org.id,
      provider: 'oidc',
      oidcIssuer: `${server.url}/__dev/no-such-idp`,
      oidcClientId: 'x',
      oidcClientSecret: 'y',
    });
    const err = await getSsoLoginUrl(anonymous(), { organizationSlug: slug }).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 502 });
  });
});

async function expectNotLinked(res: Response) {
  expect(res.status).toBe(403);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error.message).toBe("This account cannot sign in with this organization's SSO");
  expect(res.headers.getSetCookie().filter((c) => /^(access|refresh)_token=/.test(c))).toEqual([]);
}

describe("which accounts an organization's IdP may sign in", () => {
  test('the platform admin: refused, no session, no membership', async () => {
    const { org } = await oidcOrg();
    await expectNotLinked(await through(org.slug, server.admin.email));
    const members = await request<{ user_id: string }[]>(admin, {
      method: 'GET',
      path: `/organizations/${org.id}/members`,
    });
    const me = await getCurrentUser(admin);
    // The admin created the org (owner), but is never signed in by its IdP either.
    expect(members.filter((m) => m.user_id === me.id)).toHaveLength(1);
    expect(await failureReasons(org.id)).toEqual(['platform admin account']);
  });

  test('an account of another organization (or of none): refused, not JIT-added', async () => {
    const { org } = await oidcOrg();
    const other = createJanua({ baseUrl: server.url, env: {} });
    const email = uniqueEmail('tenant-b');
    await signUp(other, { email, password: PASSWORD });
    const slug = `b-${Math.random().toString(36).slice(2, 10)}`;
    await request(other, { method: 'POST', path: '/organizations/', body: { name: slug, slug } });
    await expectNotLinked(await through(org.slug, email));
    const loner = uniqueEmail('loner');
    await signUp(createJanua({ baseUrl: server.url, env: {} }), { email: loner, password: PASSWORD });
    await expectNotLinked(await through(org.slug, loner));
    const members = await request<{ user_id: string; email?: string }[]>(admin, {
      method: 'GET',
      path: `/organizations/${org.id}/members`,
    });
    expect(members.length).toBe(1);
    expect(await failureReasons(org.id)).toEqual([
      'existing account not created by this organization',
      'existing account not created by this organization',
    ]);
  });

  test('a member added by members/add is refused; a user its SCIM provisioned links, then signs in again', async () => {
    const { org } = await oidcOrg();
    const email = uniqueEmail('member');
    const member = createJanua({ baseUrl: server.url, env: {} });
    await signUp(member, { email, password: PASSWORD });
    const user = await getCurrentUser(member);
    await request(admin, {
      method: 'POST',
      path: `/organizations/${org.id}/members/add`,
      body: { user_id: user.id, role: 'member' },
    });
    // Membership can be granted without the account holder's consent: it does not make the account the IdP's.
    await expectNotLinked(await through(org.slug, email));

    await request(admin, { method: 'POST', path: `/organizations/${org.id}/scim/config`, body: { enabled: true } });
    const { bearer_token } = await request<{ bearer_token: string }>(admin, {
      method: 'POST',
      path: `/organizations/${org.id}/scim/config/token`,
    });
    const provisioned = uniqueEmail('scim');
    const res = await fetch(`${server.url}/api/v1/scim/v2/Users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bearer_token}`, 'content-type': 'application/scim+json' },
      body: JSON.stringify({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: provisioned,
        emails: [{ value: provisioned, primary: true }],
      }),
    });
    expect(res.status).toBe(201);
    const scimId = ((await res.json()) as { id: string }).id;
    const first = await through(org.slug, provisioned);
    expect(first.status).toBe(302);
    expect((await getCurrentUser(sessionFrom(first))).id).toBe(scimId);
    const again = await through(org.slug, provisioned);
    expect(again.status).toBe(302);
    expect((await getCurrentUser(sessionFrom(again))).id).toBe(scimId);
  });

  test('email_verified false or missing, and an id_token typed as something else, are refused', async () => {
    const { org } = await oidcOrg();
    for (const fault of ['unverified_email', 'no_email_verified', 'wrong_typ']) {
      await expectRejected(await through(org.slug, uniqueEmail(fault.replaceAll('_', '-')), `&fault=${fault}`));
    }
    const reasons = await failureReasons(org.id);
    expect(reasons).toEqual(
      [
        'email not verified by the provider',
        'email not verified by the provider',
        'id_token rejected: unexpected typ at+jwt',
      ].sort(),
    );
  });
});

describe('OIDC discovery and configuration rules', () => {
  let fake: Server;
  let fakeUrl: string;
  const docs = new Map<string, Record<string, unknown>>();
  beforeAll(async () => {
    fake = createServer((req, res) => {
      const doc = docs.get(req.url ?? '');
      res.writeHead(doc ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(doc ?? {}));
    });
    await new Promise<void>((r) => fake.listen(0, '127.0.0.1', r));
    fakeUrl = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => fake.close(() => r())));

  async function orgWithDiscovery(issuerUrl: string, doc: Record<string, unknown>) {
    const path = `/${Math.random().toString(36).slice(2)}/.well-known/openid-configuration`;
    docs.set(path, doc);
    const slug = `disc-${Math.random().toString(36).slice(2, 10)}`;
    const org = await request<{ id: string }>(admin, {
      method: 'POST',
      path: '/organizations/',
      body: { name: slug, slug },
    });
    await createSsoConfiguration(admin, {
      organizationId: org.id,
      provider: 'oidc',
      oidcIssuer: issuerUrl,
      oidcDiscoveryUrl: `${fakeUrl}${path}`,
      oidcClientId: 'c',
      oidcClientSecret: 's',
    });
    return fetch(`${server.url}/api/v1/sso/initiate?organization_slug=${slug}`, { redirect: 'manual' });
  }

  test('token endpoint and JWKS must be on the issuer origin; http: only on loopback', async () => {
    const good = {
      issuer: fakeUrl,
      authorization_endpoint: `${fakeUrl}/authorize`,
      token_endpoint: `${fakeUrl}/token`,
      jwks_uri: `${fakeUrl}/jwks`,
    };
    expect((await orgWithDiscovery(fakeUrl, good)).status).toBe(302);
    const otherOrigin = fakeUrl.replace('127.0.0.1', 'localhost');
    for (const forged of [
      { ...good, token_endpoint: `${otherOrigin}/token` },
      { ...good, jwks_uri: `${otherOrigin}/jwks` },
      { ...good, token_endpoint: 'https://evil.test/token' },
      { ...good, authorization_endpoint: 'http://evil.test/authorize' },
    ]) {
      const res = await orgWithDiscovery(fakeUrl, forged);
      expect(res.status).toBe(502);
      expect(((await res.json()) as { error: { message: string } }).error.message).toBe(
        'Invalid OpenID provider configuration',
      );
    }
    // A plain-http issuer on a real host: refused before anything is fetched.
    const remote = 'http://idp.example.test';
    const res = await orgWithDiscovery(remote, {
      issuer: remote,
      authorization_endpoint: `${remote}/authorize`,
      token_endpoint: `${remote}/token`,
      jwks_uri: `${remote}/jwks`,
    });
    expect(res.status).toBe(502);
  });

  test("default_role 'owner' is refused for JIT; return_url follows the §7.1 allow-list", async () => {
    const slug = `own-${Math.random().toString(36).slice(2, 10)}`;
    const org = await request<{ id: string }>(admin, {
      method: 'POST',
      path: '/organizations/',
      body: { name: slug, slug },
    });
    const client = await registerClient();
    const base = {
      organizationId: org.id,
      provider: 'oidc' as const,
      oidcIssuer: issuer(),
      oidcClientId: client.client_id,
      oidcClientSecret: client.client_secret,
    };
    const owner = await createSsoConfiguration(admin, { ...base, defaultRole: 'owner' }).catch((e: unknown) => e);
    expect(owner).toMatchObject({ status: 400, message: 'default_role cannot be owner' });
    await createSsoConfiguration(admin, base);
    const update = await updateSsoConfiguration(admin, { organizationId: org.id, defaultRole: 'owner' }).catch(
      (e: unknown) => e,
    );
    expect(update).toMatchObject({ status: 400 });

    const start = (ru: string) =>
      fetch(`${server.url}/api/v1/sso/initiate?organization_slug=${slug}&return_url=${encodeURIComponent(ru)}`, {
        redirect: 'manual',
      });
    for (const ok of ['http://localhost:3000/app', 'http://127.0.0.1:5173/x', `${server.url}/home`]) {
      expect((await start(ok)).status).toBe(302);
    }
    for (const bad of ['https://evil.test/x', '//evil.test/x', `${server.url}@evil.test/`, 'javascript:alert(1)']) {
      expect((await start(bad)).status).toBe(400);
    }
  });
});

describe('the stand-in OpenID provider itself', () => {
  test('discovery, client_secret_post, redirect_uri and PKCE checks, JWKS-verifiable id_token, userinfo', async () => {
    const redirect = `${server.url}/my-app/callback`;
    const client = await registerClient([redirect]);
    const meta = (await (await fetch(`${issuer()}/.well-known/openid-configuration`)).json()) as Record<
      string,
      unknown
    >;
    expect(meta).toMatchObject({
      issuer: issuer(),
      authorization_endpoint: `${issuer()}/authorize`,
      token_endpoint: `${issuer()}/token`,
      jwks_uri: `${issuer()}/jwks`,
      userinfo_endpoint: `${issuer()}/userinfo`,
    });

    const email = uniqueEmail('direct');
    const authorize = (extra: string) =>
      fetch(
        `${issuer()}/authorize?response_type=code&client_id=${client.client_id}&redirect_uri=${encodeURIComponent(redirect)}&scope=openid+email&state=s1&nonce=n1&login_hint=${encodeURIComponent(email)}&auto=1${extra}`,
        { redirect: 'manual' },
      );
    // An unregistered redirect_uri is never redirected to.
    const evil = await fetch(
      `${issuer()}/authorize?response_type=code&client_id=${client.client_id}&redirect_uri=${encodeURIComponent('https://evil.test/cb')}&scope=openid&state=s&login_hint=a@b.test&auto=1`,
      { redirect: 'manual' },
    );
    expect(evil.status).toBe(400);

    const codeOf = async (extra = '') =>
      new URL((await authorize(extra)).headers.get('location') as string).searchParams.get('code') as string;
    const token = (body: Record<string, string>, headers: Record<string, string> = {}) =>
      fetch(`${issuer()}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams(body),
      });
    const post = { client_id: client.client_id, client_secret: client.client_secret };

    const wrongSecret = await token({
      grant_type: 'authorization_code',
      code: await codeOf(),
      redirect_uri: redirect,
      client_id: client.client_id,
      client_secret: 'nope',
    });
    expect(wrongSecret.status).toBe(401);
    expect(await wrongSecret.json()).toMatchObject({ error: 'invalid_client' });

    const mismatch = await token({
      grant_type: 'authorization_code',
      code: await codeOf(),
      redirect_uri: `${redirect}/other`,
      ...post,
    });
    expect(mismatch.status).toBe(400);
    expect(await mismatch.json()).toMatchObject({ error: 'invalid_grant' });

    const verifier = 'a-verifier-that-is-long-enough-0123456789abcdefgh';
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const pkceCode = await codeOf(`&code_challenge=${challenge}&code_challenge_method=S256`);
    const noVerifier = await token({
      grant_type: 'authorization_code',
      code: pkceCode,
      redirect_uri: redirect,
      ...post,
    });
    expect(noVerifier.status).toBe(400);

    const code = await codeOf(`&code_challenge=${challenge}&code_challenge_method=S256`);
    const ok = await token({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirect,
      code_verifier: verifier,
      ...post,
    });
    expect(ok.status).toBe(200);
    const tokens = (await ok.json()) as { id_token: string; access_token: string; token_type: string };
    expect(tokens.token_type).toBe('Bearer');
    const { payload, protectedHeader } = await jwtVerify(
      tokens.id_token,
      createRemoteJWKSet(new URL(`${issuer()}/jwks`)),
      {
        issuer: issuer(),
        audience: client.client_id,
      },
    );
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload).toMatchObject({ email, email_verified: true, nonce: 'n1' });
    expect(typeof payload.sub).toBe('string');

    // Single use, also with client_secret_basic.
    const basic = `Basic ${Buffer.from(`${client.client_id}:${client.client_secret}`).toString('base64')}`;
    const reused = await token(
      { grant_type: 'authorization_code', code, redirect_uri: redirect, code_verifier: verifier },
      { authorization: basic },
    );
    expect(reused.status).toBe(400);
    expect(await reused.json()).toMatchObject({ error: 'invalid_grant' });
    const viaBasic = await token(
      { grant_type: 'authorization_code', code: await codeOf(), redirect_uri: redirect },
      { authorization: basic },
    );
    expect(viaBasic.status).toBe(200);

    const info = await fetch(`${issuer()}/userinfo`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(await info.json()).toMatchObject({ sub: payload.sub, email });
    expect((await fetch(`${issuer()}/userinfo`, { headers: { authorization: 'Bearer nope' } })).status).toBe(401);
  });
});
