import {
  AuthenticationError,
  AuthorizationError,
  ConflictError,
  getApiVersion,
  getTokens,
  healthCheck,
  isJanuaError,
  JanuaError,
  NetworkError,
  NotFoundError,
  onAuthStateChange,
  RateLimitError,
  request,
  ServerError,
  TimeoutError,
  ValidationError,
  withTokens,
} from '@janua/core';
import { type DevServer, startDevServer } from '@janua/dev-server';
import { clearFaults } from '@janua/dev-server/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { addFault, rejectionOf, signUpFresh, TRANSPORTS } from './helpers';

let server: DevServer;
beforeAll(async () => {
  server = await startDevServer();
});
afterAll(() => server.close());
beforeEach(async () => {
  await clearFaults(server);
  await fetch(`${server.url}/__dev/requests`, { method: 'DELETE' });
});

const ME = '/api/v1/auth/me';
// Slow-request tests use another path: the server finishes a delayed request after the client gave up,
// and that late log entry must not land in another test's counts.
const SLOW = '/api/v1/users/me';

describe.each(TRANSPORTS)('transport: %s', (_name, make) => {
  const janua = () => make({ baseUrl: server.url, env: {}, maxRetries: 3 });

  test('a real call: sign up, then GET /auth/me with the stored token', async () => {
    const j = janua();
    const user = await signUpFresh(j);
    const me = await request<{ id: string; email: string }>(j, { method: 'GET', path: '/auth/me' });
    expect(me).toMatchObject({ id: user.id, email: user.email });
  });

  test('health and version', async () => {
    const j = janua();
    expect(await healthCheck(j)).toMatchObject({ status: 'healthy', environment: 'development' });
    expect(await getApiVersion(j)).toBe('0.1.0');
  });

  test.each([
    [400, ValidationError],
    [401, AuthenticationError],
    [403, AuthorizationError],
    [404, NotFoundError],
    [409, ConflictError],
    [422, ValidationError],
    [500, ServerError],
  ])('status %i → its class, with the server request id', async (status, cls) => {
    const j = janua();
    await signUpFresh(j);
    // times 0: the rule stays, so a 401's refresh-and-replay meets it again.
    await addFault(server, { method: 'GET', path: ME, status, times: 0 });
    const error = await rejectionOf(request(j, { method: 'GET', path: '/auth/me', maxRetries: 0 }));
    expect(server.requests('POST', '/api/v1/auth/refresh')).toHaveLength(status === 401 ? 1 : 0);
    expect(error).toBeInstanceOf(cls);
    expect(error.status).toBe(status);
    expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(isJanuaError(error)).toBe(true);
  });

  test.each([
    ['HTML from a proxy', 502, '<html>bad gateway</html>', 'Bad Gateway', ServerError],
    [
      'API-key detail',
      401,
      { detail: 'Invalid or revoked API key' },
      'Invalid or revoked API key',
      AuthenticationError,
    ],
    [
      'shape A 429',
      429,
      { error: 'Rate limit exceeded: 5 per 1 minute' },
      'Rate limit exceeded: 5 per 1 minute',
      RateLimitError,
    ],
    ['empty body', 404, '', 'Not Found', NotFoundError],
  ])('body shape: %s', async (_label, status, body, message, cls) => {
    const j = janua();
    await signUpFresh(j);
    await addFault(server, { method: 'GET', path: ME, status, body, times: 0 });
    const error = await rejectionOf(request(j, { method: 'GET', path: '/auth/me', maxRetries: 0 }));
    expect(error).toBeInstanceOf(cls);
    expect(error.message).toBe(message);
  });

  test('GET is retried after 503 twice, then succeeds', async () => {
    const j = janua();
    await signUpFresh(j);
    await addFault(server, { method: 'GET', path: ME, status: 503, times: 2 });
    await request(j, { method: 'GET', path: '/auth/me' });
    expect(server.requests('GET', ME).map((r) => r.status)).toEqual([503, 503, 200]);
  });

  test('GET is retried after a dropped connection', async () => {
    const j = janua();
    await signUpFresh(j);
    await addFault(server, { method: 'GET', path: ME, drop: true, times: 1 });
    await request(j, { method: 'GET', path: '/auth/me' });
    expect(server.requests('GET', ME).at(-1)?.status).toBe(200);
  });

  test('a dropped connection with no retries left is a NetworkError', async () => {
    const j = janua();
    await signUpFresh(j);
    await addFault(server, { method: 'GET', path: ME, drop: true, times: 1 });
    const error = await rejectionOf(request(j, { method: 'GET', path: '/auth/me', maxRetries: 0 }));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.code).toBe('NETWORK_ERROR');
  });

  test('POST is never retried after a 5xx', async () => {
    const j = janua();
    await addFault(server, { method: 'POST', path: '/api/v1/auth/signin', status: 503, times: 1 });
    const error = await rejectionOf(
      request(j, {
        method: 'POST',
        path: '/auth/signin',
        auth: 'none',
        body: { email: 'x@example.test', password: 'whatever-1A!' },
      }),
    );
    expect(error).toBeInstanceOf(ServerError);
    expect(server.requests('POST', '/api/v1/auth/signin')).toHaveLength(1);
  });

  test('POST is retried after a 429, honouring Retry-After', async () => {
    const j = janua();
    await addFault(server, {
      method: 'POST',
      path: '/api/v1/auth/signin',
      status: 429,
      headers: { 'Retry-After': '1' },
      times: 1,
    });
    const started = Date.now();
    const error = await rejectionOf(
      request(j, {
        method: 'POST',
        path: '/auth/signin',
        auth: 'none',
        body: { email: 'nobody@example.test', password: 'whatever-1A!' },
      }),
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(error).toBeInstanceOf(AuthenticationError); // the retry reached the real handler
    expect(server.requests('POST', '/api/v1/auth/signin').map((r) => r.status)).toEqual([429, 401]);
  });

  test('429 with retries exhausted is a RateLimitError with retryAfter', async () => {
    const j = janua();
    await signUpFresh(j);
    await addFault(server, { method: 'GET', path: ME, status: 429, headers: { 'Retry-After': '9' }, times: 1 });
    const error = await rejectionOf(request(j, { method: 'GET', path: '/auth/me', maxRetries: 0 }));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryAfter).toBe(9);
  });

  test('a slow attempt raises TimeoutError', async () => {
    // Sign up with the default timeout: under CPU load the sign-up itself may take longer than 150 ms.
    const j = withTokens(make({ baseUrl: server.url, env: {}, timeout: 150, maxRetries: 0 }), null);
    const setup = janua();
    await signUpFresh(setup);
    await j.tokenStore.set(await getTokens(setup));
    await addFault(server, { method: 'GET', path: SLOW, delay_ms: 1500, times: 1 });
    const started = Date.now();
    const error = await rejectionOf(request(j, { method: 'GET', path: '/users/me' }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.code).toBe('TIMEOUT');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  test('a POST that timed out is not retried', async () => {
    const j = make({ baseUrl: server.url, env: {}, timeout: 150, maxRetries: 3 });
    await addFault(server, { method: 'POST', path: '/api/v1/auth/signin', delay_ms: 600, times: 1 });
    const error = await rejectionOf(
      request(j, {
        method: 'POST',
        path: '/auth/signin',
        auth: 'none',
        body: { email: 'x@example.test', password: 'whatever-1A!' },
      }),
    );
    expect(error).toBeInstanceOf(TimeoutError);
    // The server logs the request when its delayed answer is done; wait for that, then make sure
    // no second attempt follows.
    await expect.poll(() => server.requests('POST', '/api/v1/auth/signin').length, { timeout: 5000 }).toBe(1);
    await new Promise((r) => setTimeout(r, 300));
    expect(server.requests('POST', '/api/v1/auth/signin')).toHaveLength(1);
  });

  test('an AbortSignal stops the call, including its backoff', async () => {
    const j = janua();
    await signUpFresh(j);
    await addFault(server, { method: 'GET', path: SLOW, delay_ms: 2000, times: 1 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    const error = await rejectionOf(request(j, { method: 'GET', path: '/users/me', signal: controller.signal }));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.code).toBe('ABORTED');
    expect(Date.now() - started).toBeLessThan(1000);
    const pre = new AbortController();
    pre.abort();
    const early = await rejectionOf(request(j, { method: 'GET', path: '/auth/me', signal: pre.signal }));
    expect(early.code).toBe('ABORTED');
  });

  test('100 concurrent calls with an expired token cause exactly 1 refresh', async () => {
    const j = janua();
    await signUpFresh(j);
    const events: string[] = [];
    onAuthStateChange(j, (e) => events.push(e));
    server.advanceClock(9 * 3600_000); // past the 8 h access token, within the 7 d refresh token
    try {
      const results = await Promise.all(
        Array.from({ length: 100 }, () => request<{ id: string }>(j, { method: 'GET', path: '/auth/me' })),
      );
      expect(new Set(results.map((r) => r.id)).size).toBe(1);
      expect(server.requests('POST', '/api/v1/auth/refresh')).toHaveLength(1);
      expect(events).toEqual(['TOKEN_REFRESHED']);
    } finally {
      server.advanceClock(-9 * 3600_000);
    }
  });

  test('a failed refresh clears the tokens and raises AuthenticationError', async () => {
    const j = janua();
    await signUpFresh(j);
    const events: string[] = [];
    onAuthStateChange(j, (e) => events.push(e));
    server.advanceClock(8 * 24 * 3600_000); // past the refresh token too
    try {
      const error = await rejectionOf(request(j, { method: 'GET', path: '/auth/me' }));
      expect(error).toBeInstanceOf(AuthenticationError);
      expect(await getTokens(j)).toBeNull();
      expect(events).toEqual(['SIGNED_OUT']);
    } finally {
      server.advanceClock(-8 * 24 * 3600_000);
    }
  });

  test('not signed in: a user call fails locally without a request', async () => {
    const j = janua();
    const error = await rejectionOf(request(j, { method: 'GET', path: '/auth/me' }));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.code).toBe('NOT_SIGNED_IN');
    expect(server.requests('GET', ME)).toHaveLength(0);
  });

  test('a non-JSON 2xx body is a typed error, not a crash', async () => {
    const j = janua();
    await signUpFresh(j);
    await addFault(server, { method: 'GET', path: ME, status: 200, body: 'not json at all', times: 1 });
    const error = await rejectionOf(request(j, { method: 'GET', path: '/auth/me' }));
    expect(error).toBeInstanceOf(JanuaError);
    expect(error.code).toBe('INVALID_RESPONSE');
  });

  test('a 2xx JSON body that map cannot read is INVALID_RESPONSE with status and request id', async () => {
    const j = janua();
    await signUpFresh(j);
    const map = (w: { user: { email: string } }) => w.user.email.toLowerCase();
    await addFault(server, { method: 'GET', path: ME, status: 200, body: {}, times: 1 });
    const error = await rejectionOf(request(j, { method: 'GET', path: '/auth/me', map }));
    expect(error).toMatchObject({ name: 'JanuaError', code: 'INVALID_RESPONSE', status: 200 });
    expect(error.requestId).toMatch(/.+/);
    expect((error as Error).cause).toBeInstanceOf(TypeError);
    // The same call against the documented shape maps normally.
    const me = await request(j, { method: 'GET', path: '/auth/me', map: (w: { email: string }) => w.email });
    expect(me).toMatch(/@/);
  });
});
