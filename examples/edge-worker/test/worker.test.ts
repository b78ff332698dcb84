import { signUp } from '@janua/auth';
import { createJanua } from '@janua/core';
import { type DevServer, startDevServer } from '@janua/dev-server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
// @ts-expect-error: plain .mjs helpers without type declarations
import { buildWorker } from '../build.mjs';
// @ts-expect-error: plain .mjs helpers without type declarations
import { startWorkerd } from '../workerd.mjs';

interface Worker {
  url: string;
  close(): Promise<void>;
}

const PASSWORD = 'Correct-Horse-9!';
let server: DevServer;
let worker: Worker;

beforeAll(async () => {
  server = await startDevServer();
  await buildWorker();
  worker = await startWorkerd({ baseUrl: server.url });
});
afterAll(async () => {
  await worker?.close();
  await server?.close();
});

async function newUser() {
  const email = `edge-${crypto.randomUUID().slice(0, 8)}@example.test`;
  const result = await signUp(createJanua({ baseUrl: server.url, env: {} }), { email, password: PASSWORD });
  return { email, id: result.user.id };
}

async function login(email: string, password = PASSWORD) {
  const res = await fetch(`${worker.url}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  return { status: res.status, body: await res.json() };
}

const me = (token?: string) =>
  fetch(`${worker.url}/me`, token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } });

describe('edge worker in workerd', () => {
  test('POST /login signs in through the SDK inside workerd and returns tokens', async () => {
    const user = await newUser();
    const signinsBefore = server.requests('POST', '/api/v1/auth/signin').length;
    const { status, body } = await login(user.email);
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'signedIn', user: { id: user.id, email: user.email } });
    expect(body.accessToken.split('.')).toHaveLength(3);
    expect(typeof body.refreshToken).toBe('string');
    expect(server.requests('POST', '/api/v1/auth/signin').length).toBe(signinsBefore + 1);
  });

  test('POST /login with a wrong password → 401', async () => {
    const user = await newUser();
    const { status, body } = await login(user.email, 'Wrong-Horse-9!');
    expect(status).toBe(401);
    expect(body.error.message).not.toContain('Wrong-Horse');
  });

  test('GET /me verifies the token locally: 200 with the user id, JWKS fetched once, no API call', async () => {
    const user = await newUser();
    const { body } = await login(user.email);
    const apiCallsBefore = server.requests().filter((r) => r.path.startsWith('/api/v1/')).length;
    for (let i = 0; i < 3; i++) {
      const res = await me(body.accessToken);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ userId: user.id, email: user.email });
    }
    expect(server.requests().filter((r) => r.path.startsWith('/api/v1/')).length).toBe(apiCallsBefore);
    expect(server.requests('GET', '/.well-known/jwks.json')).toHaveLength(1);
  });

  test('GET /me with a tampered token → 401 TOKEN_INVALID_SIGNATURE', async () => {
    const user = await newUser();
    const { body } = await login(user.email);
    const [h, p, s] = body.accessToken.split('.');
    const i = Math.floor(s.length / 2);
    const tampered = `${h}.${p}.${s.slice(0, i)}${s[i] === 'A' ? 'B' : 'A'}${s.slice(i + 1)}`;
    const res = await me(tampered);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain('invalid_token');
    const err = await res.json();
    expect(err.error.code).toBe('TOKEN_INVALID_SIGNATURE');
    expect(JSON.stringify(err)).not.toContain(s);
  });

  test('GET /me with a refresh token → 401 TOKEN_WRONG_TYPE; without a token → 401', async () => {
    const user = await newUser();
    const { body } = await login(user.email);
    const wrong = await me(body.refreshToken);
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).error.code).toBe('TOKEN_WRONG_TYPE');
    const missing = await me();
    expect(missing.status).toBe(401);
    expect((await missing.json()).error.code).toBe('NOT_AUTHENTICATED');
  });

  test('GET /me with an expired token → 401 TOKEN_EXPIRED', async () => {
    const user = await newUser();
    // Signed 9 hours ago by the server's clock: the 8-hour token (§3.1) expired an hour ago in the
    // worker's (real) time.
    server.advanceClock(-9 * 3_600_000);
    let token: string;
    try {
      token = (await login(user.email)).body.accessToken;
    } finally {
      server.advanceClock(9 * 3_600_000);
    }
    const res = await me(token);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await res.json()).error.code).toBe('TOKEN_EXPIRED');
  });
});
