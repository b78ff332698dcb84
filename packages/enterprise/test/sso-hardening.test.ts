import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type DevServer, startDevServer } from '@janua/dev-server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

let server: DevServer;
let adminToken: string;
beforeAll(async () => {
  server = await startDevServer();
  const res = await fetch(`${server.url}/api/v1/auth/signin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: server.admin.email, password: server.admin.password }),
  });
  adminToken = ((await res.json()) as { tokens: { access_token: string } }).tokens.access_token;
});
afterAll(() => server.close());

const api = (path: string) => `${server.url}/api/v1${path}`;
const metadataUrl = () => `${server.url}/__dev/idp/saml/metadata`;

async function newOrg(): Promise<{ id: string; slug: string }> {
  const slug = `ssoh-${Math.random().toString(36).slice(2, 10)}`;
  const res = await call('POST', '/organizations/', { name: slug, slug });
  return { id: (res.json as { id: string }).id, slug };
}

/** A raw call as the signed-in platform admin or with the dev server's seeded API key. */
async function call(method: string, path: string, body: unknown, as: 'admin' | 'key' = 'admin') {
  const auth: Record<string, string> =
    as === 'key' ? { 'x-api-key': server.apiKey } : { authorization: `Bearer ${adminToken}` };
  const res = await fetch(api(path), {
    method,
    headers: { ...auth, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as { error?: { code: string; message: string } } };
}

/** A loopback HTTP server that counts hits and answers every request with `answer`. */
async function loopback(answer: (res: import('node:http').ServerResponse) => void) {
  let hits = 0;
  const srv: Server = createServer((_req, res) => {
    hits += 1;
    answer(res);
  });
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/metadata`, hits: () => hits, close: () => srv.close() };
}

describe('saml_metadata_url: https, or http on loopback only; no redirects', () => {
  test('a plain-http non-loopback URL is refused with 400 before any fetch', async () => {
    for (const method of ['POST', 'PUT'] as const) {
      const org = await newOrg();
      if (method === 'PUT') {
        expect(
          (
            await call('POST', `/sso/configurations?organization_id=${org.id}`, {
              provider: 'saml',
              saml_metadata_url: metadataUrl(),
            })
          ).status,
        ).toBe(200);
      }
      const path =
        method === 'POST' ? `/sso/configurations?organization_id=${org.id}` : `/sso/configurations/${org.id}`;
      const res = await call(method, path, { provider: 'saml', saml_metadata_url: 'http://example.invalid/metadata' });
      expect(res.status).toBe(400);
      // Not "Could not fetch …": the URL was refused before any request was made.
      expect(res.json.error?.message).toBe('saml_metadata_url must be https: (http: only on loopback hosts)');
    }
  });

  test('the loopback stand-in metadata still works; a redirect is not followed', async () => {
    const org = await newOrg();
    const ok = await call('POST', `/sso/configurations?organization_id=${org.id}`, {
      provider: 'saml',
      saml_metadata_url: metadataUrl(),
    });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ saml_sso_url: `${server.url}/__dev/idp/saml/sso` });

    const redirector = await loopback((res) => {
      res.writeHead(302, { location: metadataUrl() });
      res.end();
    });
    try {
      const other = await newOrg();
      const before = server.requests('GET', '/__dev/idp/saml/metadata').length;
      const res = await call('POST', `/sso/configurations?organization_id=${other.id}`, {
        provider: 'saml',
        saml_metadata_url: redirector.url,
      });
      expect(res.status).toBe(400);
      expect(res.json.error?.message).toBe('Could not fetch SAML metadata from saml_metadata_url');
      expect(redirector.hits()).toBe(1);
      expect(server.requests('GET', '/__dev/idp/saml/metadata').length).toBe(before);
    } finally {
      redirector.close();
    }
  });
});

describe('an API key of another organization is refused (403) before anything is looked up or fetched', () => {
  test('create, update, delete and get: 403 for a missing org, an org with a configuration, and one without', async () => {
    const expect403 = (res: { status: number; json: { error?: { message: string } } }) => {
      expect(res.status).toBe(403);
    };
    const missing = '00000000-0000-4000-8000-000000000000';
    const withConfig = await newOrg();
    expect(
      (
        await call('POST', `/sso/configurations?organization_id=${withConfig.id}`, {
          provider: 'saml',
          saml_metadata_url: metadataUrl(),
        })
      ).status,
    ).toBe(200);
    const without = await newOrg();
    const fetchesBefore = server.requests('GET', '/__dev/idp/saml/metadata').length;
    for (const orgId of [missing, withConfig.id, without.id]) {
      expect403(
        await call(
          'POST',
          `/sso/configurations?organization_id=${orgId}`,
          { provider: 'saml', saml_metadata_url: metadataUrl() },
          'key',
        ),
      );
      expect403(await call('PUT', `/sso/configurations/${orgId}`, { saml_metadata_url: metadataUrl() }, 'key'));
      expect403(await call('DELETE', `/sso/configurations/${orgId}`, undefined, 'key'));
      expect403(await call('GET', `/sso/configurations/${orgId}`, undefined, 'key'));
    }
    // The key never made the server fetch the metadata URL it named.
    expect(server.requests('GET', '/__dev/idp/saml/metadata').length).toBe(fetchesBefore);
    // And the configuration it could not touch is still there.
    expect((await call('GET', `/sso/configurations/${withConfig.id}`, undefined)).status).toBe(200);
  });
});

/** One browser's cookie jar: what `Set-Cookie` sets (or clears), sent back as `Cookie`. */
function jar() {
  const cookies = new Map<string, string>();
  return {
    take(res: Response) {
      for (const line of res.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const [name, value] = (pair as string).split('=') as [string, string];
        if (value === '' || /max-age=0/i.test(line)) cookies.delete(name);
        else cookies.set(name, value);
      }
    },
    header: () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
    names: () => [...cookies.keys()],
  };
}
const unescapeHtml = (s: string) => s.replace(/&quot;/g, '"').replace(/&amp;/g, '&');
const field = (html: string, name: string) =>
  unescapeHtml(new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '');

describe('two tabs signing in at once: one binding cookie per flow', () => {
  test('SAML: both initiates in one cookie jar, then both Responses land (first tab first)', async () => {
    const org = await newOrg();
    expect(
      (
        await call('POST', `/sso/configurations?organization_id=${org.id}`, {
          provider: 'saml',
          saml_metadata_url: metadataUrl(),
        })
      ).status,
    ).toBe(200);
    const browser = jar();
    const tabs: string[] = [];
    for (let i = 0; i < 2; i++) {
      const init = await fetch(api(`/sso/initiate?organization_slug=${org.slug}`), { redirect: 'manual' });
      expect(init.status).toBe(302);
      browser.take(init);
      tabs.push(init.headers.get('location') as string);
    }
    expect(browser.names()).toHaveLength(2);
    for (const name of browser.names()) expect(name).toMatch(/^janua_sso_[0-9a-f]{8}$/);
    for (const [i, location] of tabs.entries()) {
      const page = await (
        await fetch(`${location}&login_hint=${encodeURIComponent(`tab${i}-${Date.now()}@saml.test`)}&auto=1`)
      ).text();
      const res = await fetch(api('/sso/saml/acs'), {
        method: 'POST',
        body: new URLSearchParams({ SAMLResponse: field(page, 'SAMLResponse'), RelayState: field(page, 'RelayState') }),
        headers: { cookie: browser.header() },
        redirect: 'manual',
      });
      expect(res.status).toBe(302);
      browser.take(res);
      expect(browser.names().filter((n) => n.startsWith('janua_sso_'))).toHaveLength(1 - i);
    }
  });

  test('OIDC: both initiates in one cookie jar, then both callbacks land; a failed one clears its cookie', async () => {
    const reg = await fetch(`${server.url}/__dev/idp/oidc/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ redirect_uris: [api('/sso/oidc/callback')], client_name: 'Janua' }),
    });
    const client = (await reg.json()) as { client_id: string; client_secret: string };
    const org = await newOrg();
    const made = await call('POST', `/sso/configurations?organization_id=${org.id}`, {
      provider: 'oidc',
      oidc_issuer: `${server.url}/__dev/idp/oidc`,
      oidc_client_id: client.client_id,
      oidc_client_secret: client.client_secret,
    });
    expect(made.status).toBe(200);
    const browser = jar();
    const tabs: string[] = [];
    for (let i = 0; i < 3; i++) {
      const init = await fetch(api(`/sso/initiate?organization_slug=${org.slug}`), { redirect: 'manual' });
      expect(init.status).toBe(302);
      browser.take(init);
      tabs.push(init.headers.get('location') as string);
    }
    expect(browser.names()).toHaveLength(3);
    for (const [i, location] of tabs.entries()) {
      // The third tab is refused at the provider (an error comes back instead of a code).
      const hint = encodeURIComponent(`tab${i}-${Date.now()}@oidc.test`);
      const back = await fetch(`${location}&login_hint=${hint}&auto=1`, { redirect: 'manual' });
      expect(back.status).toBe(302);
      const target = new URL(back.headers.get('location') as string);
      if (i === 2) {
        target.searchParams.delete('code');
        target.searchParams.set('error', 'access_denied');
      }
      const res = await fetch(target, { headers: { cookie: browser.header() }, redirect: 'manual' });
      expect(res.status).toBe(i === 2 ? 401 : 302);
      browser.take(res);
      expect(browser.names().filter((n) => n.startsWith('janua_sso_'))).toHaveLength(2 - i);
    }
  });
});
