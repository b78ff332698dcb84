// §4.8: "the dev server emits each event where its name says". Every route that changes a user's
// status or fields announces it once, with the event its name calls for; admin mutations are
// `admin.action`; sessions that run out are `session.expired`; what the server already detects as
// suspicious is `security.suspicious_activity`. Counts come from the events bus (exactly once),
// `data` from real webhook deliveries.
import * as OTPAuth from 'otpauth';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { type DevServer, startDevServer } from '../src/index';
import { TEST_PASSWORD, uniqueEmail } from '../src/testing';
import { client, webhookReceiver } from './http';

let server: DevServer;
let api: ReturnType<typeof client>;
let receiver: Awaited<ReturnType<typeof webhookReceiver>>;
const bus: { type: string; payload: Record<string, unknown> }[] = [];

const HOOKED = [
  'user.created',
  'user.updated',
  'user.verified',
  'user.suspended',
  'user.reactivated',
  'session.created',
  'session.expired',
  'security.suspicious_activity',
  'oauth.account.linked',
  'admin.action',
];

beforeAll(async () => {
  server = await startDevServer({ scryptN: 1024 });
  api = client(server);
  receiver = await webhookReceiver();
  server.dev.events.on((type, payload) => bus.push({ type, payload }));
  const admin = await api.admin();
  const ep = await api.call('POST', '/api/v1/webhooks/', {
    token: admin.token,
    body: { url: receiver.url, events: HOOKED },
  });
  expect(ep.status).toBe(200);
});
afterEach(() => {
  receiver.received.length = 0;
  bus.length = 0;
});
afterAll(async () => {
  await server.close();
  await receiver.close();
});

const idOf = (p: Record<string, unknown>) =>
  ((p.user as { id?: string } | undefined)?.id ?? p.userId ?? p.user_id) as string | undefined;

/** The `user.*` events the bus saw for one user, in order. */
const userEvents = (userId: string) =>
  bus.filter((e) => e.type.startsWith('user.') && idOf(e.payload) === userId).map((e) => e.type);

/** Deliveries so far of one type, as `data`. */
async function delivered(type: string) {
  await api.call('POST', '/__dev/webhooks/drain');
  // biome-ignore lint/suspicious/noExplicitAny: webhook bodies are read field by field
  return receiver.received.filter((e) => e.type === type).map((e) => e.data as any);
}

const userData = (u: { id: string; email: string }) => ({
  id: u.id,
  email: u.email,
  first_name: null,
  last_name: null,
  username: null,
  created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?$/),
});

describe('PATCH /admin/users/{id} announces what it changed, once each', () => {
  test('suspend, reactivate, is_admin, email_verified; a no-op announces nothing', async () => {
    const admin = await api.admin();
    const u = await api.signUp();
    const patch = (body: unknown) =>
      api.call('PATCH', `/api/v1/admin/users/${u.id}`, { token: admin.token, body }).then((r) => {
        expect(r.json).toEqual({ message: 'User updated successfully' });
      });
    bus.length = 0;

    await patch({ status: 'suspended' });
    expect(userEvents(u.id)).toEqual(['user.suspended']);
    expect(await delivered('user.suspended')).toEqual([userData(u)]);

    bus.length = 0;
    await patch({ status: 'active' });
    expect(userEvents(u.id)).toEqual(['user.reactivated']);
    expect(await delivered('user.reactivated')).toEqual([userData(u)]);

    bus.length = 0;
    await patch({ is_admin: true });
    expect(userEvents(u.id)).toEqual(['user.updated']);

    bus.length = 0;
    await patch({ email_verified: true });
    expect(userEvents(u.id)).toEqual(['user.verified']);

    bus.length = 0;
    await patch({ status: 'inactive', email_verified: false });
    expect(userEvents(u.id)).toEqual(['user.updated']);

    bus.length = 0;
    await patch({ status: 'inactive', is_admin: true });
    expect(userEvents(u.id)).toEqual([]);

    // Each PATCH is an admin action on that user, by that admin.
    const actions = await delivered('admin.action');
    expect(actions).toHaveLength(6);
    expect(new Set(actions.map((a) => JSON.stringify(a)))).toEqual(
      new Set([JSON.stringify({ actor_id: admin.id, action: 'user.update', target_id: u.id })]),
    );
  });

  test('a deleted account is not found (PATCH cannot bring it back)', async () => {
    const admin = await api.admin();
    const u = await api.signUp();
    await api.call('DELETE', `/api/v1/admin/users/${u.id}`, { token: admin.token });
    const r = await api.call('PATCH', `/api/v1/admin/users/${u.id}`, {
      token: admin.token,
      body: { status: 'active' },
    });
    expect([r.status, r.json.error.message]).toEqual([404, 'User not found']);
  });
});

test('POST /users/{id}/suspend and /reactivate: one event each; suspending again is only an update', async () => {
  const admin = await api.admin();
  const u = await api.signUp();
  bus.length = 0;
  await api.call('POST', `/api/v1/users/${u.id}/suspend?reason=spam`, { token: admin.token });
  await api.call('POST', `/api/v1/users/${u.id}/suspend?reason=fraud`, { token: admin.token });
  await api.call('POST', `/api/v1/users/${u.id}/reactivate`, { token: admin.token });
  expect(userEvents(u.id)).toEqual(['user.suspended', 'user.updated', 'user.reactivated']);
  expect((await delivered('admin.action')).map((a) => [a.action, a.target_id])).toEqual([
    ['user.suspend', u.id],
    ['user.suspend', u.id],
    ['user.reactivate', u.id],
  ]);
});

describe('SCIM provisioning announces status changes once, and updates only when fields change', () => {
  test('active=false → user.suspended only; active=true → user.reactivated only; a rename → user.updated', async () => {
    const owner = await api.signUp();
    const org = await api.call('POST', '/api/v1/organizations/', {
      token: owner.token,
      body: { name: 'Scim Co', slug: `scim-${owner.id.slice(0, 8)}` },
    });
    const orgId = org.json.id as string;
    await api.call('POST', `/api/v1/organizations/${orgId}/scim/config`, {
      token: owner.token,
      body: { provider: 'okta', enabled: true },
    });
    const bearer = (await api.call('POST', `/api/v1/organizations/${orgId}/scim/config/token`, { token: owner.token }))
      .json.bearer_token as string;
    const scim = (method: string, path: string, body?: unknown) =>
      api.call(method, `/api/v1/scim/v2${path}`, { body, headers: { authorization: `Bearer ${bearer}` } });

    const email = uniqueEmail('scim');
    bus.length = 0;
    const created = await scim('POST', '/Users', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: email,
      name: { givenName: 'Ada', familyName: 'Lovelace' },
      active: true,
    });
    expect(created.status).toBe(201);
    const userId = bus.find((e) => e.type === 'user.created')?.payload.user as { id: string };
    expect(userEvents(userId.id)).toEqual(['user.created']);
    // user.created carries the names the IdP sent, not the bare row before they were applied.
    expect((await delivered('user.created')).find((d) => d.email === email)).toMatchObject({
      first_name: 'Ada',
      last_name: 'Lovelace',
    });

    const patch = (ops: unknown[]) =>
      scim('PATCH', `/Users/${created.json.id}`, {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: ops,
      });
    bus.length = 0;
    expect((await patch([{ op: 'replace', path: 'active', value: false }])).status).toBe(200);
    expect(userEvents(userId.id)).toEqual(['user.suspended']);

    bus.length = 0;
    expect((await patch([{ op: 'replace', path: 'active', value: true }])).status).toBe(200);
    expect(userEvents(userId.id)).toEqual(['user.reactivated']);

    bus.length = 0;
    expect((await patch([{ op: 'replace', path: 'name.givenName', value: 'Augusta' }])).status).toBe(200);
    expect(userEvents(userId.id)).toEqual(['user.updated']);
  });
});

describe('user.verified: once, whichever route proves the mailbox', () => {
  test('a second verification link changes nothing and announces nothing', async () => {
    const u = await api.signUp();
    await api.call('POST', '/api/v1/auth/email/resend-verification', { token: u.token });
    const [second, first] = server.outbox({ to: u.email, template: 'verify_email' });
    bus.length = 0;
    expect((await api.call('POST', '/api/v1/auth/email/verify', { body: { token: first?.token } })).status).toBe(200);
    expect((await api.call('POST', '/api/v1/auth/email/verify', { body: { token: second?.token } })).status).toBe(200);
    expect(userEvents(u.id)).toEqual(['user.verified']);
  });

  test('a magic link or a password reset verifies an unverified address', async () => {
    const u = await api.signUp();
    bus.length = 0;
    await api.call('POST', '/api/v1/auth/magic-link', { body: { email: u.email } });
    const [link] = server.outbox({ to: u.email, template: 'magic_link' });
    expect((await api.call('POST', '/api/v1/auth/magic-link/verify', { body: { token: link?.token } })).status).toBe(
      200,
    );
    expect(userEvents(u.id)).toEqual(['user.verified']);
    expect(await delivered('user.verified')).toEqual([userData(u)]);

    const v = await api.signUp();
    bus.length = 0;
    await api.call('POST', '/api/v1/auth/password/forgot', { body: { email: v.email } });
    const [mail] = server.outbox({ to: v.email, template: 'password_reset' });
    await api.call('POST', '/api/v1/auth/password/reset', {
      body: { token: mail?.token, new_password: TEST_PASSWORD },
    });
    expect(userEvents(v.id)).toEqual(['user.verified']);
  });

  test('the magic-link callback is a sign-in like /magic-link/verify: session.created', async () => {
    const u = await api.signUp();
    await api.call('POST', '/api/v1/auth/magic-link', {
      body: { email: u.email, redirect_url: 'http://localhost:3000/after' },
    });
    const [link] = server.outbox({ to: u.email, template: 'magic_link' });
    bus.length = 0;
    const r = await api.call('GET', `/api/v1/auth/magic-link/callback?token=${link?.token}`);
    expect(r.status).toBe(302);
    expect(bus.filter((e) => e.type === 'session.created' && idOf(e.payload) === u.id)).toHaveLength(1);
  });
});

test('admin.action on every admin mutation, {actor_id, action, target_id}', async () => {
  const admin = await api.admin();
  const created = await api.call('POST', '/api/v1/admin/users', {
    token: admin.token,
    body: { email: uniqueEmail('made'), password: TEST_PASSWORD },
  });
  const made = created.json.id as string;
  const u = await api.signUp();
  await api.call('PATCH', `/api/v1/users/${u.id}`, { token: admin.token, body: { first_name: 'Grace' } });
  await api.call('POST', `/api/v1/users/${u.id}/email`, {
    token: admin.token,
    body: { email: uniqueEmail('moved'), require_verification: false },
  });
  await api.call('POST', `/api/v1/admin/users/${u.id}/unlock`, { token: admin.token });
  await api.call('POST', `/api/v1/admin/sessions/revoke-all?user_id=${u.id}`, { token: admin.token });
  await api.call('DELETE', `/api/v1/admin/users/${made}`, { token: admin.token });
  // The user's own profile edit is self-service, not an admin action.
  const v = await api.signUp();
  await api.call('PATCH', `/api/v1/users/${v.id}`, { token: v.token, body: { first_name: 'Me' } });

  expect(await delivered('admin.action')).toEqual([
    { actor_id: admin.id, action: 'user.create', target_id: made },
    { actor_id: admin.id, action: 'user.update', target_id: u.id },
    { actor_id: admin.id, action: 'user.update_email', target_id: u.id },
    { actor_id: admin.id, action: 'user.unlock', target_id: u.id },
    { actor_id: admin.id, action: 'sessions.revoke_all', target_id: u.id },
    { actor_id: admin.id, action: 'user.delete', target_id: made },
  ]);
  // The admin is the audit entry's actor, so the trail answers "what did this admin do".
  const trail = await api.call('GET', `/api/v1/audit-logs/?actor=${admin.id}&action=admin.action&limit=6`, {
    token: admin.token,
  });
  expect(trail.json.logs.map((l: { resource_id: string }) => l.resource_id)).toEqual([
    made,
    u.id,
    u.id,
    u.id,
    u.id,
    made,
  ]);
});

describe('session.expired, once per session', () => {
  test('when the dev clock carries a session past its expiry', async () => {
    const u = await api.signUp();
    const week = 7 * 24 * 3600_000;
    try {
      await api.advance(week + 1000);
      expect((await delivered('session.expired')).filter((d) => d.user_id === u.id)).toEqual([
        { session_id: u.sessionId, user_id: u.id },
      ]);
      // Seeing it again (a refresh, another clock move) does not announce it again.
      const r = await api.call('POST', '/api/v1/auth/refresh', { body: { refresh_token: u.refresh } });
      expect(r.status).toBe(401);
      await api.advance(1000);
      expect(bus.filter((e) => e.type === 'session.expired' && idOf(e.payload) === u.id)).toHaveLength(1);
    } finally {
      await api.advance(-(week + 2000));
    }
  });

  test('when a refresh presents a session past its expiry (no clock sweep ran)', async () => {
    const u = await api.signUp();
    const week = 7 * 24 * 3600_000;
    server.dev.clock.offsetMs += week + 1000; // moves time without the sweep
    try {
      const r = await api.call('POST', '/api/v1/auth/refresh', { body: { refresh_token: u.refresh } });
      expect(r.status).toBe(401);
      const again = await api.call('POST', '/api/v1/auth/refresh', { body: { refresh_token: u.refresh } });
      expect(again.status).toBe(401);
      expect(bus.filter((e) => e.type === 'session.expired').map((e) => e.payload.sessionId)).toEqual([u.sessionId]);
    } finally {
      server.dev.clock.offsetMs -= week + 1000;
    }
  });
});

describe('security.suspicious_activity where the server detects it', () => {
  test('reuse of a rotated refresh token', async () => {
    const u = await api.signUp();
    const r = await api.call('POST', '/api/v1/auth/refresh', { body: { refresh_token: u.refresh } });
    expect(r.status).toBe(200);
    const reuse = await api.call('POST', '/api/v1/auth/refresh', { body: { refresh_token: u.refresh } });
    expect(reuse.status).toBe(401);
    expect(await delivered('security.suspicious_activity')).toEqual([{ user_id: u.id }]);
  });

  test('a sign-in lockout, once (not for the refused attempts while locked)', async () => {
    const u = await api.signUp();
    for (let i = 0; i < 6; i++) {
      await api.call('POST', '/api/v1/auth/signin', { body: { email: u.email, password: 'Wrong-Password-1!' } });
    }
    expect(await delivered('security.suspicious_activity')).toEqual([{ user_id: u.id }]);
  });

  test('an MFA challenge that fails every try', async () => {
    const u = await api.signUp();
    const setup = await api.call('POST', '/api/v1/mfa/enable', { token: u.token, body: { password: TEST_PASSWORD } });
    const totp = new OTPAuth.TOTP({ secret: setup.json.secret });
    await api.call('POST', '/api/v1/mfa/verify', { token: u.token, body: { code: totp.generate() } });
    const signin = await api.call('POST', '/api/v1/auth/signin', { body: { email: u.email, password: TEST_PASSWORD } });
    const token = signin.json.mfa_token as string;
    for (let i = 0; i < 5; i++) {
      await api.call('POST', '/api/v1/mfa/challenge/verify', { body: { mfa_token: token, code: '000000' } });
    }
    expect(await delivered('security.suspicious_activity')).toEqual([{ user_id: u.id }]);
  });
});

test('oauth.account.linked at the first sign-in with a provider, not at later ones', async () => {
  const email = uniqueEmail('social');
  const signInWith = async () => {
    const start = await api.call('POST', '/api/v1/auth/oauth/authorize/github');
    const url = new URL(start.json.authorization_url);
    url.searchParams.set('login_hint', email);
    url.searchParams.set('auto', '1');
    const back = new URL((await fetch(url, { redirect: 'manual' })).headers.get('location') as string);
    const cb = await api.call('GET', `/api/v1/auth/oauth/callback/github${back.search}`);
    expect(cb.status).toBe(200);
    return cb.json.user.id as string;
  };
  const id = await signInWith();
  await signInWith();
  expect(await delivered('oauth.account.linked')).toEqual([{ user_id: id, provider: 'github' }]);
});
