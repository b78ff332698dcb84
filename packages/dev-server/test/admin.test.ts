// The /admin routes (§4.3): the API-key principal's reach (§1.2: platform-admin rights limited to
// the key's organization) and permanent deletion of users who own organizations.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type DevServer, startDevServer } from '../src/index';
import { TEST_PASSWORD, uniqueEmail } from '../src/testing';
import { client } from './http';

let server: DevServer;
let api: ReturnType<typeof client>;
beforeAll(async () => {
  server = await startDevServer({ scryptN: 1024 });
  api = client(server);
});
afterAll(() => server.close());

/** A user inside the seeded key's organization `dev`, added by the admin. */
async function devMember() {
  const admin = await api.admin();
  const orgs = await api.call('GET', '/api/v1/organizations/', { token: admin.token });
  const devOrg = orgs.json.organizations.find((o: { slug: string }) => o.slug === 'dev');
  const u = await api.signUp();
  const added = await api.call('POST', `/api/v1/organizations/${devOrg.id}/members/add`, {
    token: admin.token,
    body: { user_id: u.id },
  });
  expect(added.status).toBe(200);
  return u;
}

/** An account the seeded key's organization created itself (so it owns it), signed in. */
async function devAccount() {
  const email = uniqueEmail('dev-account');
  const created = await api.call('POST', '/api/v1/admin/users', {
    headers: api.key(),
    body: { email, password: TEST_PASSWORD, email_verified: true },
  });
  expect(created.status).toBe(201);
  return api.signIn(email);
}

describe('API-key principal on /admin', () => {
  test('GET /admin/users lists only the organization’s members', async () => {
    const outsider = await api.signUp();
    const insider = await devMember();
    const r = await api.call('GET', '/api/v1/admin/users?per_page=100', { headers: api.key() });
    expect(r.status).toBe(200);
    const ids = r.json.map((u: { id: string }) => u.id);
    expect(ids).toContain(insider.id);
    expect(ids).not.toContain(outsider.id);
    // A platform admin still sees everyone.
    const admin = await api.admin();
    const all = await api.call('GET', '/api/v1/admin/users?per_page=100', { token: admin.token });
    expect(all.json.map((u: { id: string }) => u.id)).toContain(outsider.id);
  });

  test('revoke-all for an outsider is a 404, for a member it did not create a 403; for its own account it revokes', async () => {
    const outsider = await api.signUp();
    const r = await api.call('POST', `/api/v1/admin/sessions/revoke-all?user_id=${outsider.id}`, {
      headers: api.key(),
    });
    expect([r.status, r.json.error.message]).toEqual([404, 'User not found']);
    expect((await api.call('GET', '/api/v1/auth/me', { token: outsider.token })).status).toBe(200);

    const member = await devMember();
    const refused = await api.call('POST', `/api/v1/admin/sessions/revoke-all?user_id=${member.id}`, {
      headers: api.key(),
    });
    expect([refused.status, refused.json.error.message]).toEqual([403, 'Account not managed by this organization']);
    expect((await api.call('GET', '/api/v1/auth/me', { token: member.token })).status).toBe(200);

    const own = await devAccount();
    const ok = await api.call('POST', `/api/v1/admin/sessions/revoke-all?user_id=${own.id}`, {
      headers: api.key(),
    });
    expect(ok.json).toEqual({ message: 'Revoked 1 sessions' });
    expect((await api.call('GET', '/api/v1/auth/me', { token: own.token })).status).toBe(401);
  });

  test('revoke-all without user_id stops at the accounts the organization created', async () => {
    const outsider = await api.signUp();
    const member = await devMember();
    const own = await devAccount();
    const admin = await api.admin();
    const r = await api.call('POST', '/api/v1/admin/sessions/revoke-all', { headers: api.key() });
    expect(r.status).toBe(200);
    expect((await api.call('GET', '/api/v1/auth/me', { token: outsider.token })).status).toBe(200);
    expect((await api.call('GET', '/api/v1/auth/me', { token: member.token })).status).toBe(200);
    expect((await api.call('GET', '/api/v1/auth/me', { token: admin.token })).status).toBe(200);
    expect((await api.call('GET', '/api/v1/auth/me', { token: own.token })).status).toBe(401);
  });

  test('unlock of an outsider is a 404, of a member it did not create a 403', async () => {
    const outsider = await api.signUp();
    const r = await api.call('POST', `/api/v1/admin/users/${outsider.id}/unlock`, { headers: api.key() });
    expect([r.status, r.json.error.message]).toEqual([404, 'User not found']);
    const member = await devMember();
    const refused = await api.call('POST', `/api/v1/admin/users/${member.id}/unlock`, { headers: api.key() });
    expect(refused.status).toBe(403);
    const own = await devAccount();
    const ok = await api.call('POST', `/api/v1/admin/users/${own.id}/unlock`, { headers: api.key() });
    expect(ok.json).toEqual({ message: 'User account unlocked successfully' });
  });
});

describe('DELETE /admin/users/{id}?permanent=true', () => {
  test('an organization the user alone belongs to goes with the account', async () => {
    const admin = await api.admin();
    const u = await api.signUp();
    const org = await api.call('POST', '/api/v1/organizations/', {
      token: u.token,
      body: { name: 'Solo', slug: `solo-${u.id.slice(0, 8)}` },
    });
    expect(org.status).toBe(200);
    const del = await api.call('DELETE', `/api/v1/admin/users/${u.id}?permanent=true`, { token: admin.token });
    expect(del.status).toBe(200);
    expect(del.json).toEqual({ message: 'User permanently deleted' });
    expect((await api.call('GET', `/api/v1/organizations/${org.json.id}`, { token: admin.token })).status).toBe(404);
    const list = await api.call('GET', `/api/v1/admin/users?search=${encodeURIComponent(u.email)}`, {
      token: admin.token,
    });
    expect(list.json).toEqual([]);
  });

  test('another owner member takes over ownership', async () => {
    const admin = await api.admin();
    const u = await api.signUp();
    const heir = await api.signUp();
    const org = await api.call('POST', '/api/v1/organizations/', {
      token: u.token,
      body: { name: 'Shared', slug: `shared-${u.id.slice(0, 8)}` },
    });
    await api.call('POST', `/api/v1/organizations/${org.json.id}/members/add`, {
      token: u.token,
      body: { user_id: heir.id, role: 'owner' },
    });
    const del = await api.call('DELETE', `/api/v1/admin/users/${u.id}?permanent=true`, { token: admin.token });
    expect(del.status).toBe(200);
    const detail = await api.call('GET', `/api/v1/organizations/${org.json.id}`, { token: heir.token });
    expect(detail.status).toBe(200);
    expect(detail.json.owner.id).toBe(heir.id);
  });

  test('a suspended owner member is passed over for an active one', async () => {
    const admin = await api.admin();
    const u = await api.signUp();
    const suspended = await api.signUp();
    const heir = await api.signUp();
    const org = await api.call('POST', '/api/v1/organizations/', {
      token: u.token,
      body: { name: 'Mixed', slug: `mixed-${u.id.slice(0, 8)}` },
    });
    for (const m of [suspended, heir]) {
      await api.call('POST', `/api/v1/organizations/${org.json.id}/members/add`, {
        token: u.token,
        body: { user_id: m.id, role: 'owner' },
      });
    }
    await api.call('POST', `/api/v1/users/${suspended.id}/suspend`, { token: admin.token });
    const del = await api.call('DELETE', `/api/v1/admin/users/${u.id}?permanent=true`, { token: admin.token });
    expect(del.status).toBe(200);
    const detail = await api.call('GET', `/api/v1/organizations/${org.json.id}`, { token: heir.token });
    expect(detail.json.owner.id).toBe(heir.id);
  });

  test('a suspended owner member alone does not take over: 409, the organization stays', async () => {
    const admin = await api.admin();
    const u = await api.signUp();
    const suspended = await api.signUp();
    const org = await api.call('POST', '/api/v1/organizations/', {
      token: u.token,
      body: { name: 'Frozen', slug: `frozen-${u.id.slice(0, 8)}` },
    });
    await api.call('POST', `/api/v1/organizations/${org.json.id}/members/add`, {
      token: u.token,
      body: { user_id: suspended.id, role: 'owner' },
    });
    await api.call('POST', `/api/v1/users/${suspended.id}/suspend`, { token: admin.token });
    const del = await api.call('DELETE', `/api/v1/admin/users/${u.id}?permanent=true`, { token: admin.token });
    expect(del.status).toBe(409);
    expect((await api.call('GET', `/api/v1/organizations/${org.json.id}`, { token: admin.token })).status).toBe(200);
  });

  test('other members but no other owner: 409 telling what to do, nothing deleted', async () => {
    const admin = await api.admin();
    const u = await api.signUp();
    const member = await api.signUp();
    const org = await api.call('POST', '/api/v1/organizations/', {
      token: u.token,
      body: { name: 'Team', slug: `team-${u.id.slice(0, 8)}` },
    });
    await api.call('POST', `/api/v1/organizations/${org.json.id}/members/add`, {
      token: u.token,
      body: { user_id: member.id },
    });
    const del = await api.call('DELETE', `/api/v1/admin/users/${u.id}?permanent=true`, { token: admin.token });
    expect(del.status).toBe(409);
    expect(del.json.error.message).toBe(
      "Cannot permanently delete user: they own organization 'Team'. Make another member an owner of it or delete the organization first",
    );
    expect((await api.call('GET', '/api/v1/auth/me', { token: u.token })).status).toBe(200);
    // A soft delete is still possible: the row (and so the ownership) stays.
    const soft = await api.call('DELETE', `/api/v1/admin/users/${u.id}`, { token: admin.token });
    expect(soft.json).toEqual({ message: 'User soft deleted' });
  });

  test('a user with MFA, a webhook endpoint and consents is deletable', async () => {
    const admin = await api.admin();
    const u = await api.signUp();
    await api.call('POST', '/api/v1/mfa/enable', { token: u.token, body: { password: 'Correct-Horse-9!' } });
    await api.call('POST', '/api/v1/webhooks/', {
      token: u.token,
      body: { url: 'http://127.0.0.1:9/hook', events: ['user.updated'] },
    });
    await api.call('POST', '/api/v1/users/me/consents', { token: u.token, body: { client_id: 'app' } });
    const del = await api.call('DELETE', `/api/v1/admin/users/${u.id}?permanent=true`, { token: admin.token });
    expect(del.status).toBe(200);
  });
});
