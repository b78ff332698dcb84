import {
  AuthenticationError,
  createJanua,
  createLocalStorageTokenStore,
  getTokens,
  onAuthStateChange,
  refreshTokens,
  request,
  type StoredTokens,
  type TokenStore,
  withTokens,
} from '@janua/core';
import { type DevServer, startDevServer } from '@janua/dev-server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createJanua as createBrowserJanua } from '../src/entry/browser';
import { PASSWORD, rejectionOf, signUpFresh, uniqueEmail } from './helpers';

let server: DevServer;
beforeAll(async () => {
  server = await startDevServer();
});
afterAll(() => server.close());

const make = () => createJanua({ baseUrl: server.url, env: {} });

describe('refresh rotation', () => {
  test('refresh rotates the pair; reusing the old refresh token revokes the family', async () => {
    const janua = make();
    const first = await signUpFresh(janua);
    const rotated = await refreshTokens(janua);
    expect(rotated.refreshToken).not.toBe(first.refreshToken);
    // A stolen copy of the first refresh token is replayed:
    const replay = await fetch(`${server.url}/api/v1/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refresh_token: first.refreshToken }),
    });
    expect(replay.status).toBe(401);
    // ...so the legitimate holder's newer token is dead too, and the SDK signs out.
    const events: string[] = [];
    onAuthStateChange(janua, (e) => events.push(e));
    const error = await rejectionOf(refreshTokens(janua));
    expect(error).toBeInstanceOf(AuthenticationError);
    // One stable code for "sign in again", whatever the server's own code (HTTP_ERROR here).
    expect(error).toMatchObject({ status: 401, code: 'SESSION_EXPIRED', cause: { code: 'HTTP_ERROR' } });
    expect(await getTokens(janua)).toBeNull();
    expect(events).toEqual(['SIGNED_OUT']);
    // The access token of the revoked session no longer works either (revocation is real).
    const me = await fetch(`${server.url}/api/v1/auth/me`, {
      headers: { authorization: `Bearer ${rotated.accessToken}` },
    });
    expect(me.status).toBe(401);
  });

  test('a token close to expiry is refreshed before the call (proactive)', async () => {
    const shortLived = await startDevServer({ accessTokenTtl: 30 });
    try {
      const janua = createJanua({ baseUrl: shortLived.url, env: {} });
      await signUpFresh(janua);
      await Promise.all(Array.from({ length: 20 }, () => request(janua, { method: 'GET', path: '/auth/me' })));
      expect(shortLived.requests('POST', '/api/v1/auth/refresh')).toHaveLength(1);
      expect(shortLived.requests('GET', '/api/v1/auth/me').every((r) => r.status === 200)).toBe(true);
    } finally {
      await shortLived.close();
    }
  });
});

describe('stores shared beyond one instance', () => {
  test('a store with lock() runs each refresh inside it; the localStorage store implements it', async () => {
    const data = new Map<string, string>();
    const storage = {
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => void data.set(k, v),
      removeItem: (k: string) => void data.delete(k),
    } as Storage;
    const local = createLocalStorageTokenStore({ storage });
    expect(typeof local.lock).toBe('function');
    const locked: string[] = [];
    const janua = createJanua({
      baseUrl: server.url,
      env: {},
      tokenStorage: {
        ...local,
        lock: async (refresh) => {
          locked.push('in');
          try {
            return await refresh();
          } finally {
            locked.push('out');
          }
        },
      },
    });
    const first = await signUpFresh(janua);
    const rotated = await refreshTokens(janua);
    expect(locked).toEqual(['in', 'out']);
    expect(rotated.refreshToken).not.toBe(first.refreshToken);
    expect(JSON.parse(data.get('janua.tokens') as string)).toEqual(rotated);
  });

  test('when localStorage refuses a write (quota), a refreshed pair is kept in memory instead of lost', async () => {
    const data = new Map<string, string>();
    let full = false;
    const storage = {
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => {
        if (full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        data.set(k, v);
      },
      removeItem: (k: string) => void data.delete(k),
    } as Storage;
    const janua = createJanua({
      baseUrl: server.url,
      env: {},
      tokenStorage: createLocalStorageTokenStore({ storage }),
    });
    const { email } = await signUpFresh(janua);
    full = true;
    // The refresh spends the stored refresh token; its successor must not be dropped.
    const rotated = await refreshTokens(janua);
    expect(await getTokens(janua)).toEqual(rotated);
    expect((await request<{ email: string }>(janua, { method: 'GET', path: '/auth/me' })).email).toBe(email);
    // The in-memory pair is the live one: refreshing again works (no reuse, no revoked family).
    expect((await refreshTokens(janua)).refreshToken).not.toBe(rotated.refreshToken);
    // Once storage takes writes again, it holds the current pair.
    full = false;
    const latest = await refreshTokens(janua);
    expect(JSON.parse(data.get('janua.tokens') as string)).toEqual(latest);
  });

  test('a custom store whose set() fails after a refresh never gets the family revoked', async () => {
    let saved: StoredTokens | null = null;
    let broken = false;
    const store: TokenStore = {
      get: () => saved,
      set: (tokens) => {
        if (broken) throw new Error(`redis down (${tokens?.refreshToken})`);
        saved = tokens;
      },
    };
    const warnings: string[] = [];
    const logger = { debug() {}, warn: (m: string) => warnings.push(m), error() {} };
    const janua = createJanua({ baseUrl: server.url, env: {}, tokenStorage: store, logger });
    const { email } = await signUpFresh(janua);
    const first = saved as StoredTokens | null;
    broken = true;
    const rotated = await refreshTokens(janua);
    // The store still holds the spent pair; the warning names the failure, never a token.
    expect(saved).toEqual(first);
    expect(warnings).toEqual([expect.stringContaining('token store set() failed (Error)')]);
    expect(warnings.join()).not.toContain(rotated.refreshToken);
    // The next refresh presents the live token, not the spent one the store returns.
    const next = await refreshTokens(janua);
    expect(next.refreshToken).not.toBe(rotated.refreshToken);
    expect((await request<{ email: string }>(janua, { method: 'GET', path: '/auth/me' })).email).toBe(email);
    expect(
      server
        .requests('POST', '/api/v1/auth/refresh')
        .slice(-2)
        .map((r) => r.status),
    ).toEqual([200, 200]);
    // Once the store works again, the next save lands and it holds the live pair.
    broken = false;
    const latest = await refreshTokens(janua);
    expect(saved).toEqual(latest);
    expect((await request<{ email: string }>(janua, { method: 'GET', path: '/auth/me' })).email).toBe(email);
  });
});

describe('per-request views (withTokens)', () => {
  test('200 concurrent requests for 20 users through one instance never mix tokens', async () => {
    const base = make();
    const users = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const own = make();
        const u = await signUpFresh(own);
        return { id: u.id, tokens: await getTokens(own) };
      }),
    );
    const calls = Array.from({ length: 200 }, (_, i) => {
      const user = users[i % users.length] as (typeof users)[number];
      const view = withTokens(base, user.tokens);
      return request<{ id: string }>(view, { method: 'GET', path: '/auth/me' }).then((me) => [user.id, me.id]);
    });
    for (const [expected, actual] of await Promise.all(calls)) expect(actual).toBe(expected);
    expect(await getTokens(base)).toBeNull();
  });

  test('a view shares debug state and transport but not tokens or listeners', async () => {
    const base = make();
    const view = withTokens(base, null);
    expect(view._internal.transport).toBe(base._internal.transport);
    expect(view._internal.shared).toBe(base._internal.shared);
    expect(view.tokenStore).not.toBe(base.tokenStore);
    expect(view._internal.listeners).not.toBe(base._internal.listeners);
  });
});

describe('credentials on the wire (§1.2)', () => {
  test('the API key goes in X-API-Key, never in Authorization, next to the bearer token', async () => {
    const janua = createJanua({ baseUrl: server.url, apiKey: server.apiKey, env: {} });
    await signUpFresh(janua);
    await request(janua, { method: 'GET', path: '/auth/me' });
    const last = server.requests('GET', '/api/v1/auth/me').at(-1);
    expect(last).toMatchObject({ status: 200, authorization: true, api_key_prefix: server.apiKey.slice(0, 12) });
  });

  test('the browser build never sends the API key or X-Request-ID, warns once, and drops non-CORS headers', async () => {
    const warnings: string[] = [];
    const seen: Headers[] = [];
    const janua = createBrowserJanua({
      baseUrl: server.url,
      apiKey: server.apiKey,
      headers: { 'X-Custom-Trace': 'abc', 'X-CSRF-Token': 'ok' },
      logger: { debug() {}, warn: (m) => warnings.push(m) },
      // Transport-level assertion: capture exactly what the browser build hands to fetch.
      fetch: (input, init) => {
        seen.push(new Headers(init?.headers));
        return fetch(input, init);
      },
    });
    await request(janua, {
      method: 'POST',
      path: '/auth/signup',
      auth: 'none',
      body: { email: uniqueEmail(), password: PASSWORD },
    });
    await request(janua, { method: 'GET', path: '/health', root: true, auth: 'none' });
    expect(seen).toHaveLength(2);
    for (const h of seen) {
      expect(h.get('x-api-key')).toBeNull();
      expect(h.get('x-request-id')).toBeNull();
      expect(h.get('x-custom-trace')).toBeNull();
      expect(h.get('x-csrf-token')).toBe('ok');
    }
    expect(warnings.filter((w) => w.includes('API key'))).toHaveLength(1);
    expect(warnings.filter((w) => w.includes('x-custom-trace'))).toHaveLength(1);
  });
});

describe('auth-state listeners', () => {
  test('a listener that throws or rejects is reported as a warning; the others still run, nothing goes unhandled', async () => {
    const warnings: string[] = [];
    const janua = createJanua({
      baseUrl: server.url,
      env: {},
      logger: { debug: () => {}, warn: (m) => warnings.push(m) },
    });
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const seen: string[] = [];
      onAuthStateChange(janua, () => {
        throw new Error('sync listener failed');
      });
      onAuthStateChange(janua, async () => {
        throw new Error('async listener failed');
      });
      onAuthStateChange(janua, (event) => {
        seen.push(event);
      });
      await signUpFresh(janua);
      await new Promise((r) => setTimeout(r, 20));
      expect(seen).toEqual(['SIGNED_IN']);
      expect(warnings).toEqual([
        '[janua] onAuthStateChange listener threw: Error: sync listener failed',
        '[janua] onAuthStateChange listener threw: Error: async listener failed',
      ]);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
