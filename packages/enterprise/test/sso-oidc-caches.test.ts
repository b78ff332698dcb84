import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signIn } from '@janua/auth';
import { createJanua, type Janua, request } from '@janua/core';
import { type DevServer, startDevServer } from '@janua/dev-server';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createSsoConfiguration, listAuditLogs } from '../src/index';
import { uniqueEmail } from './helpers';

// Each test gets its own server: the caches are per server, and the reset test wipes everything.
let server: DevServer;
let admin: Janua;
beforeEach(async () => {
  server = await startDevServer();
  admin = await signedInAdmin();
});
afterEach(() => server.close());

async function signedInAdmin(): Promise<Janua> {
  const janua = createJanua({ baseUrl: server.url, env: {} });
  await signIn(janua, { email: server.admin.email, password: server.admin.password });
  return janua;
}

const issuer = () => `${server.url}/__dev/idp/oidc`;
const callbackUrl = () => `${server.url}/api/v1/sso/oidc/callback`;

async function newOrg(): Promise<{ id: string; slug: string }> {
  const slug = `oidcc-${Math.random().toString(36).slice(2, 10)}`;
  const org = await request<{ id: string }>(admin, {
    method: 'POST',
    path: '/organizations/',
    body: { name: slug, slug },
  });
  return { id: org.id, slug };
}

/** An organization signing in with the stand-in provider (client registered as an admin would). */
async function standInOrg(): Promise<{ id: string; slug: string }> {
  const reg = await fetch(`${issuer()}/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ redirect_uris: [callbackUrl()], client_name: 'Janua' }),
  });
  const client = (await reg.json()) as { client_id: string; client_secret: string };
  const org = await newOrg();
  await createSsoConfiguration(admin, {
    organizationId: org.id,
    provider: 'oidc',
    oidcIssuer: issuer(),
    oidcClientId: client.client_id,
    oidcClientSecret: client.client_secret,
  });
  return org;
}

/** The browser's `GET /sso/initiate`, keeping the binding cookie. */
async function initiate(slug: string): Promise<{ res: Response; location: string; cookie: string }> {
  const res = await fetch(`${server.url}/api/v1/sso/initiate?organization_slug=${slug}`, { redirect: 'manual' });
  const cookie = res.headers
    .getSetCookie()
    .map((l) => l.split(';')[0])
    .join('; ');
  return { res, location: res.headers.get('location') ?? '', cookie };
}

/** A whole sign-in through the stand-in provider: initiate → authorize (auto) → callback. */
async function signInThrough(slug: string, fault = ''): Promise<Response> {
  const { res, location, cookie } = await initiate(slug);
  expect(res.status).toBe(302);
  const email = encodeURIComponent(uniqueEmail('cache'));
  const idp = await fetch(`${location}&login_hint=${email}&auto=1${fault ? `&fault=${fault}` : ''}`, {
    redirect: 'manual',
  });
  expect(idp.status).toBe(302);
  return fetch(idp.headers.get('location') as string, { redirect: 'manual', headers: { cookie } });
}

/** How often the dev server's relying party has called the stand-in provider (request log, §7.3). */
const fetches = () => ({
  discovery: server.requests('GET', '/__dev/idp/oidc/.well-known/openid-configuration').length,
  jwks: server.requests('GET', '/__dev/idp/oidc/jwks').length,
  token: server.requests('POST', '/__dev/idp/oidc/token').length,
});

async function expectRejected(res: Response) {
  expect(res.status).toBe(401);
  expect(((await res.json()) as { error: { message: string } }).error.message).toBe('SSO authentication failed');
  // No session cookies; only the spent binding cookie is cleared.
  expect(res.headers.getSetCookie().filter((c) => !/^janua_sso_[0-9a-f]{8}=;/.test(c))).toEqual([]);
}

async function failureReasons(orgId: string): Promise<string[]> {
  const failures = await listAuditLogs(admin, { action: 'sso.signin_failed', limit: 100 });
  return failures.data.filter((f) => f.details?.organizationId === orgId).map((f) => String(f.details?.reason));
}

describe('OIDC discovery and JWKS caches', () => {
  test('a second sign-in within 5 minutes fetches neither; 5 minutes after the fetch both are fetched again', async () => {
    const org = await standInOrg();
    expect((await signInThrough(org.slug)).status).toBe(302);
    expect(fetches()).toEqual({ discovery: 1, jwks: 1, token: 1 });

    server.advanceClock(4 * 60_000);
    expect((await signInThrough(org.slug)).status).toBe(302);
    expect(fetches()).toEqual({ discovery: 1, jwks: 1, token: 2 });

    // 6 minutes after the fetch, 2 after the last use: a cache hit does not restart the 5 minutes.
    server.advanceClock(2 * 60_000);
    expect((await signInThrough(org.slug)).status).toBe(302);
    expect(fetches()).toEqual({ discovery: 2, jwks: 2, token: 3 });
  });

  test('reset (POST /__dev/reset and server.reset()) clears them', async () => {
    expect((await signInThrough((await standInOrg()).slug)).status).toBe(302);
    expect(fetches()).toEqual({ discovery: 1, jwks: 1, token: 1 });

    // Same provider URLs after the reset (same server): only a cleared cache fetches them again.
    expect((await fetch(`${server.url}/__dev/reset`, { method: 'POST' })).status).toBe(204);
    admin = await signedInAdmin();
    expect((await signInThrough((await standInOrg()).slug)).status).toBe(302);
    expect(fetches()).toEqual({ discovery: 1, jwks: 1, token: 1 });

    await server.reset();
    admin = await signedInAdmin();
    expect((await signInThrough((await standInOrg()).slug)).status).toBe(302);
    expect(fetches()).toEqual({ discovery: 1, jwks: 1, token: 1 });
  });
});

describe('an id_token whose kid the cached JWKS does not know', () => {
  test('refetches the JWKS at most once per 30 s (dev clock); inside the window it is refused without a fetch', async () => {
    const org = await standInOrg();
    // Cold cache: the set just fetched does not know the kid either; no second fetch for it.
    await expectRejected(await signInThrough(org.slug, 'unknown_kid'));
    expect(fetches().jwks).toBe(1);
    expect((await signInThrough(org.slug)).status).toBe(302);
    expect(fetches().jwks).toBe(1);

    // 31 s later an unknown kid may be a rotated key: one refetch...
    server.advanceClock(31_000);
    await expectRejected(await signInThrough(org.slug, 'unknown_kid'));
    expect(fetches().jwks).toBe(2);
    // ...and then none for 30 s, however many unknown kids come in; known keys keep working.
    server.advanceClock(20_000);
    await expectRejected(await signInThrough(org.slug, 'unknown_kid'));
    await expectRejected(await signInThrough(org.slug, 'unknown_kid'));
    expect((await signInThrough(org.slug)).status).toBe(302);
    expect(fetches().jwks).toBe(2);

    server.advanceClock(11_000);
    await expectRejected(await signInThrough(org.slug, 'unknown_kid'));
    expect(fetches().jwks).toBe(3);

    const reasons = await failureReasons(org.id);
    expect(reasons).toHaveLength(5);
    for (const reason of reasons)
      expect(reason).toBe('id_token rejected: no applicable key found in the JSON Web Key Set');
  });
});

/**
 * A loopback OpenID provider whose discovery, token endpoint or JWKS can answer 302 to `elsewhere`,
 * a second origin that serves what the provider would (so following the redirect would succeed)
 * and counts what reaches it.
 */
async function redirectingProvider() {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' }] };
  const redirect = { discovery: false, token: false, jwks: false };
  let nonce = '';
  const hits: string[] = [];
  let providerUrl = '';
  let elsewhereUrl = '';
  const json = (res: ServerResponse, body: unknown) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  // What the provider serves, from either origin.
  const serve = async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '').split('?')[0];
    if (path === '/.well-known/openid-configuration') {
      return json(res, {
        issuer: providerUrl,
        authorization_endpoint: `${providerUrl}/authorize`,
        token_endpoint: `${providerUrl}/token`,
        jwks_uri: `${providerUrl}/jwks`,
      });
    }
    if (path === '/jwks') return json(res, jwks);
    // Any method: a followed 302 turns the POST into a GET, which must still get tokens here.
    if (path === '/token') {
      const now = Math.floor(Date.now() / 1000);
      const idToken = await new SignJWT({ email: uniqueEmail('redirect'), email_verified: true, nonce })
        .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: 'k1' })
        .setIssuer(providerUrl)
        .setAudience('c')
        .setSubject('someone')
        .setIssuedAt(now)
        .setExpirationTime(now + 300)
        .sign(privateKey);
      return json(res, { access_token: 'a', token_type: 'Bearer', id_token: idToken });
    }
    res.writeHead(404).end();
  };
  const provider = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    const name = path === '/.well-known/openid-configuration' ? 'discovery' : path === '/token' ? 'token' : 'jwks';
    if (redirect[name as keyof typeof redirect]) {
      res.writeHead(302, { location: `${elsewhereUrl}${req.url}` }).end();
      return;
    }
    void serve(req, res);
  });
  const elsewhere = createServer((req, res) => {
    hits.push(`${req.method} ${(req.url ?? '').split('?')[0]}`);
    void serve(req, res);
  });
  const listen = async (s: Server) => {
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
  };
  providerUrl = await listen(provider);
  elsewhereUrl = await listen(elsewhere);
  return {
    url: providerUrl,
    redirect,
    hits,
    setNonce: (n: string) => {
      nonce = n;
    },
    close: () => Promise.all([provider, elsewhere].map((s) => new Promise((r) => s.close(r)))),
  };
}

describe('OIDC provider requests do not follow redirects', () => {
  test('discovery, token endpoint and JWKS answering 302 elsewhere: sign-in fails, nothing reaches elsewhere', async () => {
    const idp = await redirectingProvider();
    try {
      const org = await newOrg();
      await createSsoConfiguration(admin, {
        organizationId: org.id,
        provider: 'oidc',
        oidcIssuer: idp.url,
        oidcClientId: 'c',
        oidcClientSecret: 's',
      });

      // Discovery: initiate answers 502 and binds nothing; so does POST /sso/initiate (getSsoLoginUrl).
      idp.redirect.discovery = true;
      const started = await initiate(org.slug);
      expect(started.res.status).toBe(502);
      expect(((await started.res.json()) as { error: { message: string } }).error.message).toBe(
        'Could not fetch the OpenID provider configuration',
      );
      expect(started.cookie).toBe('');
      const posted = await fetch(`${server.url}/api/v1/sso/initiate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ organization_slug: org.slug }),
        redirect: 'manual',
      });
      expect(posted.status).toBe(502);
      expect(idp.hits).toEqual([]);

      // Token endpoint and JWKS: the callback is the one 401 of SSO failures.
      idp.redirect.discovery = false;
      const callback = async () => {
        const { res, location, cookie } = await initiate(org.slug);
        expect(res.status).toBe(302);
        const authorize = new URL(location);
        idp.setNonce(authorize.searchParams.get('nonce') as string);
        const state = authorize.searchParams.get('state') as string;
        return fetch(`${callbackUrl()}?code=a-code&state=${encodeURIComponent(state)}`, {
          redirect: 'manual',
          headers: { cookie },
        });
      };
      idp.redirect.token = true;
      await expectRejected(await callback());
      expect(idp.hits).toEqual([]);
      idp.redirect.token = false;
      idp.redirect.jwks = true;
      await expectRejected(await callback());
      expect(idp.hits).toEqual([]);
      expect((await failureReasons(org.id)).sort()).toEqual([
        'id_token rejected: fetch failed',
        'token endpoint unreachable',
      ]);

      // The same provider without redirects signs in: the failures above were the redirects.
      idp.redirect.jwks = false;
      expect((await callback()).status).toBe(302);
    } finally {
      await idp.close();
    }
  });
});
