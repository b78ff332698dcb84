// The webhook routes at the HTTP level (the SDK-level tests live in packages/webhooks/test).
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type DevServer, startDevServer } from '../src/index';

let server: DevServer;
let token: string;
beforeAll(async () => {
  server = await startDevServer({ scryptN: 1024 });
  const res = await fetch(`${server.url}/api/v1/auth/signin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(server.admin),
  });
  token = (await res.json()).tokens.access_token;
});
afterAll(() => server.close());

const auth = () => ({ authorization: `Bearer ${token}` });

test('the collection root is /webhooks/ (§1.1); other forms get a 307', async () => {
  const bare = await fetch(`${server.url}/api/v1/webhooks`, { headers: auth(), redirect: 'manual' });
  expect(bare.status).toBe(307);
  expect(bare.headers.get('location')).toBe('/api/v1/webhooks/');
  const list = await fetch(`${server.url}/api/v1/webhooks/`, { headers: auth() });
  expect(await list.json()).toEqual({ endpoints: [], total: 0 });
  const types = await fetch(`${server.url}/api/v1/webhooks/events/types/`, { headers: auth(), redirect: 'manual' });
  expect(types.status).toBe(307);
});

test('auth, ids and query validation', async () => {
  expect((await fetch(`${server.url}/api/v1/webhooks/`)).status).toBe(401);
  const bad = await fetch(`${server.url}/api/v1/webhooks/nope`, { headers: auth() });
  expect(bad.status).toBe(400);
  expect((await bad.json()).error.message).toBe('Invalid webhook ID');
  const missing = await fetch(`${server.url}/api/v1/webhooks/00000000-0000-4000-8000-000000000000`, {
    headers: auth(),
  });
  expect(missing.status).toBe(404);
  const list = await fetch(`${server.url}/api/v1/webhooks/?is_active=maybe`, { headers: auth() });
  expect(list.status).toBe(422);
  expect((await list.json()).error.details.validation_errors[0].field).toBe('query.is_active');
  const badOrg = await fetch(`${server.url}/api/v1/webhooks/`, {
    method: 'POST',
    headers: { ...auth(), 'content-type': 'application/json' },
    body: JSON.stringify({ url: 'http://127.0.0.1:9/x', events: ['user.created'], organization_id: 'acme' }),
  });
  expect(badOrg.status).toBe(400);
  expect((await badOrg.json()).error.message).toBe('Invalid organization ID format');
});

test('POST /webhooks/verify-signature checks the §5.3 vector server-side', async () => {
  const secret = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';
  const payload =
    '{"id":"7b0c2f9e-1d5a-4c3b-9e8f-0a1b2c3d4e5f","type":"user.created","created_at":"2026-01-01T00:00:00","data":{"id":"5f6e7d8c-9b0a-4123-8456-789abcdef012","email":"ada@example.com","first_name":"Ada","last_name":"Lovelace","username":null,"created_at":"2026-01-01T00:00:00"},"object":"user","api_version":"v1"}';
  const check = async (signature: string) => {
    const qs = new URLSearchParams({ secret, payload, signature });
    const res = await fetch(`${server.url}/api/v1/webhooks/verify-signature?${qs}`, {
      method: 'POST',
      headers: auth(),
    });
    return (await res.json()).valid;
  };
  expect(await check('cbac5f88500251eac30b02f45fc9d2c59e4d6aba60b43e1f188d9a84753c565d')).toBe(true);
  expect(await check('964fe7a4e5642763cb73d67a0733d85684e3629755ac7b8dd99ebaac84b38406')).toBe(false);
});

test('POST /__dev/webhooks/drain answers at once when the queue is empty', async () => {
  const res = await fetch(`${server.url}/__dev/webhooks/drain`, { method: 'POST' });
  expect(await res.json()).toEqual({ delivered: 0, failed: 0 });
});
