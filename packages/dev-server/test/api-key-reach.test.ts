// §1.2 (designed here): an API key is a service principal with platform-admin rights limited to
// its organization. Membership can be granted without consent (any owner may add any user, even
// the platform admin), so the account itself — email, profile, status, deletion, lockout,
// sessions — is within a key's reach only when its organization created the account, and never
// when it is a platform admin. Reading and listing members stay as they were.
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

const NOT_MANAGED = [403, 'Account not managed by this organization'];

/** An organization a regular user creates, with `victimId` added as a member, and its `*` key. */
async function orgWithMember(victimId: string) {
  const owner = await api.signUp();
  const org = await api.call('POST', '/api/v1/organizations/', {
    token: owner.token,
    body: { name: 'Evil', slug: `evil-${owner.id.slice(0, 8)}` },
  });
  expect(org.status).toBe(200);
  const add = await api.call('POST', `/api/v1/organizations/${org.json.id}/members/add`, {
    token: owner.token,
    body: { user_id: victimId, role: 'member' },
  });
  expect(add.status).toBe(200);
  const key = await api.call('POST', `/api/v1/api-keys?organization_id=${org.json.id}`, {
    token: owner.token,
    body: { name: 'k', scopes: ['*'] },
  });
  expect(key.status).toBe(201);
  return { orgId: org.json.id as string, headers: { 'x-api-key': key.json.key as string } };
}

/** Every account-level action a key could take on `id`, as [method, path, body]. */
const accountActions = (id: string): [string, string, unknown][] => [
  ['POST', `/api/v1/users/${id}/email`, { email: uniqueEmail('takeover'), require_verification: false }],
  ['PATCH', `/api/v1/users/${id}`, { first_name: 'Pwned' }],
  ['POST', `/api/v1/users/${id}/suspend`, undefined],
  ['POST', `/api/v1/users/${id}/reactivate`, undefined],
  ['PATCH', `/api/v1/admin/users/${id}`, { status: 'suspended' }],
  ['POST', `/api/v1/admin/users/${id}/unlock`, undefined],
  ['POST', `/api/v1/admin/sessions/revoke-all?user_id=${id}`, undefined],
  ['DELETE', `/api/v1/admin/users/${id}`, undefined],
  ['DELETE', `/api/v1/admin/users/${id}?permanent=true`, undefined],
];

describe('API-key principal and accounts its organization did not create', () => {
  test('a key of an organization the platform admin was added to cannot take the admin over', async () => {
    const admin = await api.admin();
    const { headers } = await orgWithMember(admin.id);
    for (const [method, path, body] of accountActions(admin.id)) {
      const r = await api.call(method, path, { headers, body });
      expect([method, path, r.status, r.json.error?.message]).toEqual([method, path, ...NOT_MANAGED]);
    }
    // Revoking "every session of the organization" passes the admin by too.
    expect((await api.call('POST', '/api/v1/admin/sessions/revoke-all', { headers })).status).toBe(200);
    const me = await api.call('GET', '/api/v1/auth/me', { token: admin.token });
    expect([me.status, me.json.email, me.json.first_name, me.json.is_admin]).toEqual([
      200,
      server.admin.email,
      'Dev',
      true,
    ]);
    expect((await api.signIn(server.admin.email, server.admin.password)).id).toBe(admin.id);
    // Reading a member is still fine.
    expect((await api.call('GET', `/api/v1/users/${admin.id}`, { headers })).status).toBe(200);
  });

  test('a member the organization merely added is out of reach; an outsider is unknown', async () => {
    const member = await api.signUp();
    const { headers } = await orgWithMember(member.id);
    for (const [method, path, body] of accountActions(member.id)) {
      const r = await api.call(method, path, { headers, body });
      expect([method, path, r.status, r.json.error?.message]).toEqual([method, path, ...NOT_MANAGED]);
    }
    expect((await api.call('POST', '/api/v1/admin/sessions/revoke-all', { headers })).status).toBe(200);
    const me = await api.call('GET', '/api/v1/auth/me', { token: member.token });
    expect([me.status, me.json.email, me.json.first_name]).toEqual([200, member.email, null]);
    const list = await api.call('GET', '/api/v1/users/', { headers });
    expect(list.json.users.map((u: { id: string }) => u.id)).toContain(member.id);

    const outsider = await api.signUp();
    const r = await api.call('POST', `/api/v1/users/${outsider.id}/suspend`, { headers });
    expect([r.status, r.json.error.message]).toEqual([404, 'User not found']);
  });

  test('an account the key’s organization created is within its reach', async () => {
    const { headers } = await orgWithMember((await api.signUp()).id);
    const email = uniqueEmail('owned');
    const created = await api.call('POST', '/api/v1/admin/users', {
      headers,
      body: { email, password: TEST_PASSWORD, email_verified: true },
    });
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    const session = await api.signIn(email);
    const newEmail = uniqueEmail('owned-moved');
    const moved = await api.call('POST', `/api/v1/users/${id}/email`, { headers, body: { email: newEmail } });
    expect([moved.status, moved.json.email]).toEqual([200, newEmail]);
    expect((await api.call('POST', `/api/v1/users/${id}/suspend`, { headers })).status).toBe(200);
    expect((await api.call('GET', '/api/v1/auth/me', { token: session.token })).status).toBe(401);
    expect((await api.call('POST', `/api/v1/users/${id}/reactivate`, { headers })).status).toBe(200);
    expect((await api.call('POST', `/api/v1/admin/users/${id}/unlock`, { headers })).status).toBe(200);
    const del = await api.call('DELETE', `/api/v1/admin/users/${id}?permanent=true`, { headers });
    expect([del.status, del.json.message]).toEqual([200, 'User permanently deleted']);
  });

  test('an account the organization created stops being in reach once it is a platform admin', async () => {
    const admin = await api.admin();
    const { headers } = await orgWithMember((await api.signUp()).id);
    const created = await api.call('POST', '/api/v1/admin/users', {
      headers,
      body: { email: uniqueEmail('promoted'), password: TEST_PASSWORD },
    });
    const id = created.json.id as string;
    const promote = await api.call('PATCH', `/api/v1/admin/users/${id}`, {
      token: admin.token,
      body: { is_admin: true },
    });
    expect(promote.status).toBe(200);
    const r = await api.call('POST', `/api/v1/users/${id}/suspend`, { headers });
    expect([r.status, r.json.error.message]).toEqual(NOT_MANAGED);
  });
});
