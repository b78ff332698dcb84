// §4.8: the dev server emits each event where its name says, and a subscribed endpoint receives
// it. Every path that ends sessions (§3.3: they all revoke for real here) must announce each one
// as `session.revoked`, with data {session_id, user_id}, not only sign-out; the organization
// routes' events must reach endpoints too.
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { type DevServer, startDevServer } from '../src/index';
import { TEST_PASSWORD } from '../src/testing';
import { client, webhookReceiver } from './http';

let server: DevServer;
let api: ReturnType<typeof client>;
let receiver: Awaited<ReturnType<typeof webhookReceiver>>;
beforeAll(async () => {
  server = await startDevServer({ scryptN: 1024 });
  api = client(server);
  receiver = await webhookReceiver();
  // An endpoint without organization gets every untied event (§4.8 routing).
  const admin = await api.admin();
  const ep = await api.call('POST', '/api/v1/webhooks/', {
    token: admin.token,
    body: { url: receiver.url, events: ['session.revoked', 'organization.created', 'organization.deleted'] },
  });
  expect(ep.status).toBe(200);
});
afterEach(() => {
  receiver.received.length = 0;
});
afterAll(async () => {
  await server.close();
  await receiver.close();
});

/** `data` of the `session.revoked` deliveries so far, for one user. */
async function revokedFor(userId: string) {
  await api.call('POST', '/__dev/webhooks/drain');
  return receiver.received
    .filter((e) => e.type === 'session.revoked' && e.data.user_id === userId)
    .map((e) => e.data.session_id as string)
    .sort();
}

/** A user with two sessions: the sign-up's and one more sign-in. */
async function twoSessions() {
  const u = await api.signUp();
  const second = await api.signIn(u.email);
  return { ...u, second };
}

describe('session.revoked is delivered, once per session, when', () => {
  test('a password change ends the other sessions', async () => {
    const u = await twoSessions();
    const r = await api.call('POST', '/api/v1/auth/password/change', {
      token: u.token,
      body: { current_password: TEST_PASSWORD, new_password: 'Another-Horse-7!' },
    });
    expect(r.status).toBe(200);
    expect(await revokedFor(u.id)).toEqual([u.second.sessionId]);
  });

  test('a password reset ends every session', async () => {
    const u = await twoSessions();
    await api.call('POST', '/api/v1/auth/password/forgot', { body: { email: u.email } });
    const [mail] = server.outbox({ to: u.email, template: 'password_reset' });
    const r = await api.call('POST', '/api/v1/auth/password/reset', {
      body: { token: mail?.token, new_password: 'Another-Horse-7!' },
    });
    expect(r.status).toBe(200);
    expect(await revokedFor(u.id)).toEqual([u.sessionId, u.second.sessionId].sort());
  });

  test('an admin suspends the user', async () => {
    const u = await twoSessions();
    const admin = await api.admin();
    await api.call('POST', `/api/v1/users/${u.id}/suspend?reason=spam`, { token: admin.token });
    expect(await revokedFor(u.id)).toEqual([u.sessionId, u.second.sessionId].sort());
  });

  test('an admin sets a non-active status with PATCH /admin/users', async () => {
    const u = await twoSessions();
    const admin = await api.admin();
    await api.call('PATCH', `/api/v1/admin/users/${u.id}`, { token: admin.token, body: { status: 'inactive' } });
    expect(await revokedFor(u.id)).toEqual([u.sessionId, u.second.sessionId].sort());
  });

  test('an admin revokes all of a user’s sessions, or everyone’s', async () => {
    const u = await twoSessions();
    const admin = await api.admin();
    const r = await api.call('POST', `/api/v1/admin/sessions/revoke-all?user_id=${u.id}`, { token: admin.token });
    expect(r.json).toEqual({ message: 'Revoked 2 sessions' });
    expect(await revokedFor(u.id)).toEqual([u.sessionId, u.second.sessionId].sort());

    const v = await api.signUp();
    await api.call('POST', '/api/v1/admin/sessions/revoke-all', { token: admin.token });
    expect(await revokedFor(v.id)).toEqual([v.sessionId]);
    // The caller's own sessions are kept, so none of theirs is announced.
    expect(await revokedFor(admin.id)).toEqual([]);
  });

  test('the user deletes the account, or an admin deletes it', async () => {
    const u = await twoSessions();
    const r = await api.call('DELETE', `/api/v1/users/me?password=${encodeURIComponent(TEST_PASSWORD)}`, {
      token: u.token,
    });
    expect(r.status).toBe(200);
    expect(await revokedFor(u.id)).toEqual([u.sessionId, u.second.sessionId].sort());

    const v = await api.signUp();
    const admin = await api.admin();
    await api.call('DELETE', `/api/v1/admin/users/${v.id}?permanent=true`, { token: admin.token });
    expect(await revokedFor(v.id)).toEqual([v.sessionId]);
  });

  test('a sixth sign-in ends the oldest session (limit of 5, §3.1)', async () => {
    const u = await api.signUp();
    for (let i = 0; i < 4; i++) await api.signIn(u.email);
    expect(await revokedFor(u.id)).toEqual([]);
    await api.signIn(u.email);
    expect(await revokedFor(u.id)).toEqual([u.sessionId]);
    expect((await api.call('GET', '/api/v1/auth/me', { token: u.token })).status).toBe(401);
  });
});

test('organization.created and organization.deleted from the organization routes are delivered', async () => {
  const u = await api.signUp();
  const own = await webhookReceiver();
  try {
    const org = await api.call('POST', '/api/v1/organizations/', {
      token: u.token,
      body: { name: 'Acme', slug: `acme-${u.id.slice(0, 8)}` },
    });
    // organization.deleted is tied to the organization (§4.8): only its own endpoints get it.
    await api.call('POST', '/api/v1/webhooks/', {
      token: u.token,
      body: { url: own.url, events: ['organization.deleted'], organization_id: org.json.id },
    });
    await api.call('DELETE', `/api/v1/organizations/${org.json.id}`, { token: u.token });
    await api.call('POST', '/__dev/webhooks/drain');
    const expected = { id: org.json.id, name: 'Acme', slug: org.json.slug };
    expect(receiver.received.filter((e) => e.type === 'organization.created').map((e) => e.data)).toEqual([expected]);
    expect(own.received.map((e) => [e.type, e.data])).toEqual([['organization.deleted', expected]]);
  } finally {
    await own.close();
  }
});
