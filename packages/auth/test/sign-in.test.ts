import {
  AuthenticationError,
  AuthorizationError,
  createJanua,
  getTokens,
  onAuthStateChange,
  ValidationError,
} from '@janua/core';
import { type DevServer, startDevServer } from '@janua/dev-server';
import { addFault } from '@janua/dev-server/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { getCurrentUser, signIn, signOut, signUp } from '../src/index';
import { PASSWORD, rejectionOf, uniqueEmail } from './helpers';

let server: DevServer;
beforeAll(async () => {
  server = await startDevServer();
});
afterAll(() => server.close());

const make = () => createJanua({ baseUrl: server.url, env: {} });

describe('signUp / signIn / signOut / getCurrentUser', () => {
  test('sign up signs in, stores tokens and emits SIGNED_IN', async () => {
    const janua = make();
    const events: string[] = [];
    onAuthStateChange(janua, (e) => events.push(e));
    const email = uniqueEmail();
    const result = await signUp(janua, { email, password: PASSWORD, firstName: 'Ada', lastName: 'Lovelace' });
    expect(result.status).toBe('signedIn');
    if (result.status !== 'signedIn') return;
    expect(result.user).toMatchObject({ email, firstName: 'Ada', lastName: 'Lovelace', emailVerified: false });
    expect(result.user.createdAt).toBeInstanceOf(Date);
    expect(result.session?.expiresAt.getTime()).toBeGreaterThan(Date.now());
    expect(await getTokens(janua)).toEqual(result.tokens);
    expect(events).toEqual(['SIGNED_IN']);
    const me = await getCurrentUser(janua);
    expect(me.id).toBe(result.user.id);
  });

  test('metadata given at sign-up is stored with the follow-up PATCH /users/me', async () => {
    const janua = make();
    await signUp(janua, { email: uniqueEmail(), password: PASSWORD, metadata: { plan: 'pro', seats: 3 } });
    const res = await fetch(`${server.url}/api/v1/users/me`, {
      headers: { authorization: `Bearer ${(await getTokens(janua))?.accessToken}` },
    });
    expect((await res.json()).user_metadata).toEqual({ plan: 'pro', seats: 3 });
  });

  test('duplicate email and weak password are ValidationErrors with the server message', async () => {
    const janua = make();
    const email = uniqueEmail();
    await signUp(janua, { email, password: PASSWORD });
    const dup = await rejectionOf(signUp(make(), { email, password: PASSWORD }));
    expect(dup).toBeInstanceOf(ValidationError);
    expect(dup.message).toBe('Email already registered');
    const weak = await rejectionOf(signUp(make(), { email: uniqueEmail(), password: 'longbutnoupper1!' }));
    expect(weak).toBeInstanceOf(ValidationError);
    expect(weak.message).toBe('Password must contain at least one uppercase letter');
    const short = await rejectionOf(signUp(make(), { email: 'bad', password: 'short' }));
    expect(short.status).toBe(422);
    expect(short.fieldErrors.map((f: { field: string }) => f.field).sort()).toEqual(['body.email', 'body.password']);
  });

  test('missing input is rejected locally, without a request', async () => {
    const before = server.requests('POST', '/api/v1/auth/signin').length;
    expect(await rejectionOf(signIn(make(), { email: '', password: 'x' } as never))).toBeInstanceOf(ValidationError);
    expect(await rejectionOf(signIn(make(), { email: 'a@b.test', password: '' }))).toBeInstanceOf(ValidationError);
    expect(await rejectionOf(signUp(make(), undefined as never))).toBeInstanceOf(ValidationError);
    expect(server.requests('POST', '/api/v1/auth/signin').length).toBe(before);
  });

  test('wrong password → AuthenticationError; the 5th failure locks the account (ACCOUNT_LOCKED)', async () => {
    const email = uniqueEmail();
    await signUp(make(), { email, password: PASSWORD });
    const janua = make();
    for (let i = 0; i < 4; i++) {
      const err = await rejectionOf(signIn(janua, { email, password: 'Wrong-Password-1!' }));
      expect(err).toBeInstanceOf(AuthenticationError);
      expect(err.message).toBe('Invalid credentials');
    }
    const locked = await rejectionOf(signIn(janua, { email, password: 'Wrong-Password-1!' }));
    expect(locked).toBeInstanceOf(AuthenticationError);
    expect(locked.status).toBe(423);
    expect(locked.code).toBe('ACCOUNT_LOCKED');
    // Even the right password is refused while locked.
    const still = await rejectionOf(signIn(janua, { email, password: PASSWORD }));
    expect(still.code).toBe('ACCOUNT_LOCKED');
    expect(still.message).toMatch(/Please try again in 15 minute\(s\)/);
    server.advanceClock(16 * 60_000);
    try {
      expect((await signIn(janua, { email, password: PASSWORD })).status).toBe('signedIn');
    } finally {
      server.advanceClock(-16 * 60_000);
    }
  });

  test('sign out revokes the session for real and clears tokens even when the server call fails', async () => {
    const janua = make();
    await signUp(janua, { email: uniqueEmail(), password: PASSWORD });
    const tokens = await getTokens(janua);
    await signOut(janua);
    expect(await getTokens(janua)).toBeNull();
    const me = await fetch(`${server.url}/api/v1/auth/me`, {
      headers: { authorization: `Bearer ${tokens?.accessToken}` },
    });
    expect(me.status).toBe(401);
    const refresh = await fetch(`${server.url}/api/v1/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refresh_token: tokens?.refreshToken }),
    });
    expect(refresh.status).toBe(401);

    const offline = createJanua({ baseUrl: 'http://127.0.0.1:9', env: {}, maxRetries: 0 });
    const other = make();
    await signUp(other, { email: uniqueEmail(), password: PASSWORD });
    await offline.tokenStore.set(await getTokens(other));
    await signOut(offline);
    expect(await getTokens(offline)).toBeNull();
  });

  test('a 2xx sign-in answer without a user is INVALID_RESPONSE and stores nothing (no half sign-in)', async () => {
    const email = uniqueEmail();
    await signUp(make(), { email, password: PASSWORD });
    await addFault(server, {
      method: 'POST',
      path: '/api/v1/auth/signin',
      status: 200,
      body: { tokens: { access_token: 'a.b.c', refresh_token: 'r', token_type: 'bearer', expires_in: 60 } },
      times: 1,
    });
    const janua = make();
    const events: string[] = [];
    onAuthStateChange(janua, (e) => events.push(e));
    const err = await rejectionOf(signIn(janua, { email, password: PASSWORD }));
    expect(err).toMatchObject({ name: 'JanuaError', code: 'INVALID_RESPONSE', status: 200 });
    expect(await getTokens(janua)).toBeNull();
    expect(events).toEqual([]);
  });

  test('a 2xx answer that is neither a sign-in nor a complete MFA challenge is INVALID_RESPONSE with its request id', async () => {
    const email = uniqueEmail();
    const first = await signUp(make(), { email, password: PASSWORD });
    if (first.status !== 'signedIn') throw new Error('expected a sign-in');
    const me = await fetch(`${server.url}/api/v1/auth/me`, {
      headers: { authorization: `Bearer ${first.tokens.accessToken}` },
    });
    const user = await me.json();
    // No tokens and no MFA flag: before, this became an `mfaRequired` with an empty challenge id.
    // An MFA flag without its token cannot be answered either.
    for (const body of [
      { user, tokens: null, mfa_required: false, mfa_token: null },
      { user, tokens: null, mfa_required: true, mfa_token: null },
      // A pair without refresh token or expiry: stored, the session could never refresh.
      { user, tokens: { access_token: 'opaque' }, mfa_required: false, mfa_token: null },
    ]) {
      await addFault(server, { method: 'POST', path: '/api/v1/auth/signin', status: 200, body, times: 1 });
      const janua = make();
      const err = await rejectionOf(signIn(janua, { email, password: PASSWORD }));
      expect(err).toMatchObject({ name: 'JanuaError', code: 'INVALID_RESPONSE', status: 200 });
      expect(err.requestId).toMatch(/\S/);
      expect(await getTokens(janua)).toBeNull();
    }
  });

  test('a user answer with no timestamps is INVALID_RESPONSE, not a user full of Invalid Dates', async () => {
    const janua = make();
    await signUp(janua, { email: uniqueEmail(), password: PASSWORD });
    await addFault(server, { method: 'GET', path: '/api/v1/auth/me', status: 200, body: { id: 'x' }, times: 1 });
    const err = await rejectionOf(getCurrentUser(janua));
    expect(err).toMatchObject({ name: 'JanuaError', code: 'INVALID_RESPONSE', status: 200 });
    expect((await getCurrentUser(janua)).createdAt).toBeInstanceOf(Date);
  });

  test('a suspended account cannot sign in', async () => {
    const email = uniqueEmail();
    const janua = make();
    const result = await signUp(janua, { email, password: PASSWORD });
    server.dev.db.prepare("UPDATE users SET status = 'suspended' WHERE id = ?").run(result.user.id);
    const err = await rejectionOf(signIn(make(), { email, password: PASSWORD }));
    expect(err).toBeInstanceOf(AuthorizationError);
    expect(err.message).toBe('Account suspended');
    expect(await rejectionOf(getCurrentUser(janua))).toBeInstanceOf(AuthenticationError);
  });
});
