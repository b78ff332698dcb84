// GET /auth/session (§3.4, §4.1; upstream 500s whenever a token is present, §6.3), the root
// GET /logout (§1.1, the discovery's end_session_endpoint) and refresh-token lifetime (§3.1/§3.2).
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { type DevServer, startDevServer } from '../src/index';
import { client } from './http';

let server: DevServer;
let api: ReturnType<typeof client>;
beforeAll(async () => {
  server = await startDevServer({ scryptN: 1024 });
  api = client(server);
});
afterAll(() => server.close());

const exp = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1] as string, 'base64url').toString()).exp as number;

describe('GET /auth/session', () => {
  test('no cookie and no bearer token is a 401 with the contract message', async () => {
    const r = await api.call('GET', '/api/v1/auth/session');
    expect(r.status).toBe(401);
    expect(r.json.error).toMatchObject({ code: 'HTTP_ERROR', message: 'No session cookie or bearer token found' });
    // An API key is not a session.
    const key = await api.call('GET', '/api/v1/auth/session', { headers: api.key() });
    expect(key.json.error.message).toBe('No session cookie or bearer token found');
  });

  test('a bearer token answers the exact §3.4 shape; expires_at is the token exp in unix seconds', async () => {
    const u = await api.signUp();
    const r = await api.call('GET', '/api/v1/auth/session', { token: u.token });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({
      authenticated: true,
      user: {
        id: u.id,
        email: u.email,
        username: null,
        first_name: null,
        last_name: null,
        email_verified: false,
        roles: [],
        permissions: [],
        is_admin: false,
      },
      session: { expires_at: exp(u.token) },
    });
  });

  test('the access_token cookie works like the bearer token', async () => {
    const u = await api.signUp();
    const r = await api.call('GET', '/api/v1/auth/session', { headers: { cookie: `access_token=${u.token}` } });
    expect(r.status).toBe(200);
    expect(r.json.user.id).toBe(u.id);
  });

  test('a signed-out session, a garbage token and a suspended user are 401s', async () => {
    const u = await api.signUp();
    await api.call('POST', '/api/v1/auth/signout', { token: u.token });
    const revoked = await api.call('GET', '/api/v1/auth/session', { token: u.token });
    expect([revoked.status, revoked.json.error.message]).toEqual([401, 'Invalid or expired session']);
    const junk = await api.call('GET', '/api/v1/auth/session', { headers: { cookie: 'access_token=nope' } });
    expect([junk.status, junk.json.error.message]).toEqual([401, 'Invalid or expired session']);

    const v = await api.signUp();
    const admin = await api.admin();
    await api.call('POST', `/api/v1/users/${v.id}/suspend`, { token: admin.token });
    const suspended = await api.call('GET', '/api/v1/auth/session', { headers: { cookie: `access_token=${v.token}` } });
    expect(suspended.status).toBe(401);
  });
});

describe('GET /logout (root)', () => {
  test('ends the session of the cookie, clears the cookies and shows a page', async () => {
    const u = await api.signUp();
    const r = await api.call('GET', '/logout', {
      headers: { cookie: `access_token=${u.token}; refresh_token=${u.refresh}` },
    });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/text\/html/);
    const cleared = r.headers.getSetCookie();
    expect(cleared.some((c) => /^access_token=;.*Max-Age=0/.test(c))).toBe(true);
    expect(cleared.some((c) => /^refresh_token=;.*Max-Age=0/.test(c))).toBe(true);
    expect((await api.call('GET', '/api/v1/auth/me', { token: u.token })).status).toBe(401);
    const refresh = await api.call('POST', '/api/v1/auth/refresh', { body: { refresh_token: u.refresh } });
    expect(refresh.status).toBe(401);
  });

  test('redirects to an allowed post_logout_redirect_uri with state; refuses others', async () => {
    const u = await api.signUp();
    const back = 'http://localhost:3000/signed-out?x=1';
    const r = await api.call('GET', `/logout?post_logout_redirect_uri=${encodeURIComponent(back)}&state=s1`, {
      token: u.token,
    });
    expect(r.status).toBe(302);
    expect(r.headers.get('location')).toBe('http://localhost:3000/signed-out?x=1&state=s1');
    expect((await api.call('GET', '/api/v1/auth/me', { token: u.token })).status).toBe(401);

    const v = await api.signUp();
    const evil = await api.call('GET', `/logout?post_logout_redirect_uri=${encodeURIComponent('https://evil.test/')}`, {
      token: v.token,
    });
    expect([evil.status, evil.json.error.message]).toEqual([400, 'Invalid post_logout_redirect_uri']);
    expect((await api.call('GET', '/api/v1/auth/me', { token: v.token })).status).toBe(200);
  });

  test('without a session it still answers (logging out is idempotent)', async () => {
    expect((await api.call('GET', '/logout')).status).toBe(200);
  });
});

describe('refresh-token lifetime', () => {
  afterEach(() => api.call('POST', '/__dev/clock', { body: { reset: true } }));

  test('a rotated refresh token works until its own exp: the session slides with it', async () => {
    const u = await api.signUp();
    await api.advance(6 * 86_400_000);
    const r1 = await api.call('POST', '/api/v1/auth/refresh', { body: { refresh_token: u.refresh } });
    expect(r1.status).toBe(200);
    // The session's expiry is the new refresh token's (SessionSummary: session = refresh expiry).
    const sessions = await api.call('GET', '/api/v1/sessions/', { token: r1.json.access_token });
    const expiresAt = Date.parse(`${sessions.json.sessions[0].expires_at}Z`);
    expect(Math.abs(expiresAt / 1000 - exp(r1.json.refresh_token))).toBeLessThan(1);

    await api.advance(2 * 86_400_000); // day 8: past the sign-in's 7 days, before r1's exp
    const r2 = await api.call('POST', '/api/v1/auth/refresh', { body: { refresh_token: r1.json.refresh_token } });
    expect(r2.status).toBe(200);

    await api.advance(7 * 86_400_000 + 1000); // a whole refresh lifetime unused: over
    const r3 = await api.call('POST', '/api/v1/auth/refresh', { body: { refresh_token: r2.json.refresh_token } });
    expect([r3.status, r3.json.error.message]).toEqual([401, 'Invalid or expired refresh token']);
  });
});
