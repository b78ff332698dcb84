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
