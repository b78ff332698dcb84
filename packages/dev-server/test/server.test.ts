import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type DevServer, startDevServer } from '../src/index';

let server: DevServer;
beforeAll(async () => {
  server = await startDevServer();
});
afterAll(() => server.close());

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('dev server basics', () => {
  test('errors use the canonical envelope with the echoed request id', async () => {
    const res = await post(
      '/api/v1/auth/signin',
      { email: 'nobody@example.test', password: 'x' },
      { 'x-request-id': 'my-id-1' },
    );
    expect(res.status).toBe(401);
    expect(res.headers.get('x-request-id')).toBe('my-id-1');
    expect(res.headers.get('x-janua-dev')).toBe('1');
    const body = await res.json();
    expect(body.error).toMatchObject({ code: 'HTTP_ERROR', message: 'Invalid credentials', request_id: 'my-id-1' });
    expect(typeof body.error.timestamp).toBe('number');
  });

  test('422s carry Pydantic-style field paths', async () => {
    const res = await post('/api/v1/auth/signup', { email: 'not-an-email', password: 'short' });
    expect(res.status).toBe(422);
    const { error } = await res.json();
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(error.details.validation_errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'body.email',
      'body.password',
    ]);
  });

  test('the password policy answers with the first failure', async () => {
    const res = await post('/api/v1/auth/signup', { email: 'p@example.test', password: 'alllowercase1!' });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toBe('Password must contain at least one uppercase letter');
  });

  test('wrong trailing slash gets a 307 to the exact form (§1.1)', async () => {
    const a = await fetch(`${server.url}/api/v1/users`, { redirect: 'manual' });
    expect(a.status).toBe(307);
    expect(a.headers.get('location')).toBe('/api/v1/users/');
    const b = await fetch(`${server.url}/api/v1/auth/me/`, { redirect: 'manual' });
    expect(b.status).toBe(307);
    expect(b.headers.get('location')).toBe('/api/v1/auth/me');
  });

  test('an invalid API key is a 401; the seeded key passes', async () => {
    const bad = await fetch(`${server.url}/api/v1/auth/me`, { headers: { 'x-api-key': 'sk_live_nope' } });
    expect(bad.status).toBe(401);
    expect((await bad.json()).error.message).toBe('Invalid or revoked API key');
    const good = await fetch(`${server.url}/health`, { headers: { 'x-api-key': server.apiKey } });
    expect(good.status).toBe(200);
  });

  test('the seeded admin can sign in; reset keeps the key and password and clears users', async () => {
    const signUp = await post('/api/v1/auth/signup', { email: 'gone@example.test', password: 'Correct-Horse-9!' });
    expect(signUp.status).toBe(200);
    await server.reset();
    const again = await post('/api/v1/auth/signin', { email: 'gone@example.test', password: 'Correct-Horse-9!' });
    expect(again.status).toBe(401);
    const admin = await post('/api/v1/auth/signin', { email: server.admin.email, password: server.admin.password });
    expect(admin.status).toBe(200);
    expect((await admin.json()).user.is_admin).toBe(true);
  });

  test('JWKS serves the RS256 key; discovery names the issuer', async () => {
    const jwks = await (await fetch(`${server.url}/.well-known/jwks.json`)).json();
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(jwks.keys[0].kid).toMatch(/^dev-[0-9a-f]{8}$/);
    const oidc = await (await fetch(`${server.url}/.well-known/openid-configuration`)).json();
    expect(oidc.issuer).toBe(server.url);
  });

  test('rate limits (when on) answer shape D with Retry-After', async () => {
    await post('/__dev/rate-limits', { enabled: true });
    try {
      const statuses: number[] = [];
      let last: Response | undefined;
      for (let i = 0; i < 6; i++) {
        last = await post('/api/v1/auth/signin', { email: 'rl@example.test', password: 'x' });
        statuses.push(last.status);
      }
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
      expect(Number(last?.headers.get('retry-after'))).toBeGreaterThan(0);
      const body = await last?.json();
      expect(body.error).toMatchObject({ code: 'RATE_LIMIT_ERROR', details: { limit: 5, window: 60 } });
    } finally {
      await post('/__dev/rate-limits', { enabled: false });
    }
  });

  test('the clock moves token expiry without sleeping', async () => {
    const res = await post('/api/v1/auth/signup', { email: 'clock@example.test', password: 'Correct-Horse-9!' });
    const { tokens } = await res.json();
    const me = () =>
      fetch(`${server.url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect((await me()).status).toBe(200);
    await post('/__dev/clock', { advance_ms: 9 * 3600_000 });
    expect((await me()).status).toBe(401);
    await post('/__dev/clock', { reset: true });
    expect((await me()).status).toBe(200);
  });
});
