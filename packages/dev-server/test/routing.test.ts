// Routing-level behaviour: 405 for a known path with the wrong method (§2.1), CORS preflight
// untouched by it (§1.2), and the X-Request-ID echo (§1.4).
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type DevServer, startDevServer } from '../src/index';
import { client } from './http';

let server: DevServer;
let api: ReturnType<typeof client>;
beforeAll(async () => {
  server = await startDevServer({ scryptN: 1024 });
  api = client(server);
});
afterAll(() => server.close());

test('a known path with the wrong method is 405 Method Not Allowed (HTTP_ERROR), with Allow', async () => {
  const u = await api.signUp();
  const put = await api.call('PUT', '/api/v1/auth/me', { token: u.token, body: {} });
  expect(put.status).toBe(405);
  expect(put.json.error).toMatchObject({ code: 'HTTP_ERROR', message: 'Method Not Allowed' });
  expect(put.headers.get('allow')).toBe('GET, HEAD');
  const get = await api.call('GET', '/api/v1/auth/signin');
  expect(get.status).toBe(405);
  expect(get.headers.get('allow')).toBe('POST');
  // Path parameters count: DELETE /users/{id} does not exist, GET and PATCH do.
  const del = await api.call('DELETE', `/api/v1/users/${u.id}`, { token: u.token });
  expect([del.status, del.headers.get('allow')]).toEqual([405, 'GET, PATCH, HEAD']);
  // Root-level routes too.
  expect((await api.call('POST', '/health')).status).toBe(405);
});

test('an unknown path is still 404 Not Found', async () => {
  const r = await api.call('GET', '/api/v1/nothing-here');
  expect(r.status).toBe(404);
  expect(r.json.error).toMatchObject({ code: 'HTTP_ERROR', message: 'Not Found' });
  expect((await api.call('PUT', '/nothing/here')).status).toBe(404);
});

test('CORS preflight of a real route is still a 204 with the allowed methods', async () => {
  const r = await fetch(`${server.url}/api/v1/auth/me`, {
    method: 'OPTIONS',
    headers: {
      origin: 'http://localhost:3000',
      'access-control-request-method': 'GET',
      'access-control-request-headers': 'authorization',
    },
  });
  expect(r.status).toBe(204);
  expect(r.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
  expect(r.headers.get('access-control-allow-methods')).toBe('GET,POST,PUT,PATCH,DELETE,OPTIONS');
});

test('X-Request-ID with spaces (printable ASCII, ≤ 200) is echoed; other values are replaced', async () => {
  const spaced = await api.call('GET', '/health', { headers: { 'x-request-id': 'checkout 42' } });
  expect(spaced.headers.get('x-request-id')).toBe('checkout 42');
  const error = await api.call('GET', '/api/v1/auth/me', { headers: { 'x-request-id': 'order 7 / retry 2' } });
  expect(error.json.error.request_id).toBe('order 7 / retry 2');
  const long = await api.call('GET', '/health', { headers: { 'x-request-id': 'x'.repeat(201) } });
  expect(long.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  const control = await api.call('GET', '/health', { headers: { 'x-request-id': 'tab\there' } });
  expect(control.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
});
