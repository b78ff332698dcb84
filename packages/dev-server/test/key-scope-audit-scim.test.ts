// Review findings on the API key's and SCIM's reach into other people's data: an organization's
// key shortening another organization's audit trail, a permanently deleted SCIM user breaking the
// organization's SCIM listing, and SCIM announcing what happened to a user before the user.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type DevServer, startDevServer } from '../src/index';
import { TEST_PASSWORD, uniqueEmail } from '../src/testing';
import { client } from './http';

let server: DevServer;
let api: ReturnType<typeof client>;
// Each test its own server: they move the clock or need a fresh SCIM configuration.
beforeEach(async () => {
  server = await startDevServer({ scryptN: 1024 });
  api = client(server);
});
afterEach(() => server.close());

async function devOrgId(token: string): Promise<string> {
  const orgs = await api.call('GET', '/api/v1/organizations/', { token });
  return orgs.json.organizations.find((o: { slug: string }) => o.slug === 'dev').id;
}

/** The dev organization's SCIM service, as its IdP would call it. */
async function scimClient() {
  const admin = await api.admin();
  const org = await devOrgId(admin.token);
  const cfg = await api.call('POST', `/api/v1/organizations/${org}/scim/config`, {
    token: admin.token,
    body: { provider: 'okta', enabled: true },
  });
  expect(cfg.status).toBe(201);
  const bearer = (await api.call('POST', `/api/v1/organizations/${org}/scim/config/token`, { token: admin.token })).json
    .bearer_token as string;
  const scim = (method: string, path: string, body?: unknown) =>
    api.call(method, `/api/v1/scim/v2${path}`, {
      body,
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/scim+json' },
    });
  const createUser = async (active = true) => {
    const email = uniqueEmail('scim');
    const r = await scim('POST', '/Users', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: email,
      name: { givenName: 'Grace', familyName: 'Hopper' },
      emails: [{ value: email, primary: true }],
      active,
    });
    expect(r.status).toBe(201);
    return r.json.id as string;
  };
  return { admin, scim, createUser };
}

/** Audit actions about `userId`, oldest first. */
async function actionsOf(userId: string): Promise<string[]> {
  const admin = await api.admin();
  const logs = await api.call('GET', `/api/v1/audit-logs/?actor=${userId}&limit=100`, { token: admin.token });
  return (logs.json.logs as { action: string }[]).map((l) => l.action).reverse();
}

describe('DELETE /audit-logs/cleanup with an API key', () => {
  test('removes its organization’s old entries only, not another organization’s or the platform admin’s', async () => {
    const admin = await api.admin();
    const dev = await devOrgId(admin.token);
    // A dev member the platform admin added (not created by the dev organization).
    const u = await api.call('POST', '/api/v1/admin/users', {
      token: admin.token,
      body: { email: uniqueEmail('u'), password: TEST_PASSWORD, organization_id: dev },
    });
    // An account the dev organization's key created.
    const own = await api.call('POST', '/api/v1/admin/users', {
      headers: api.key(),
      body: { email: uniqueEmail('own'), password: TEST_PASSWORD },
    });
    // Another organization that u joined: its record of that is its own history.
    const w = await api.signUp();
    const other = await api.call('POST', '/api/v1/organizations/', {
      token: w.token,
      body: { name: 'Other', slug: `other-${w.id.slice(0, 8)}` },
    });
    const add = await api.call('POST', `/api/v1/organizations/${other.json.id}/members/add`, {
      token: w.token,
      body: { user_id: u.json.id },
    });
    expect(add.status).toBe(200);
    const before = {
      u: await actionsOf(u.json.id),
      admin: await actionsOf(admin.id),
      own: await actionsOf(own.json.id),
    };
    expect(before.u).toContain('organization.member.added');
    expect(before.own).toContain('user.created');

    await api.advance(100 * 86_400_000);
    const cleanup = await api.call('DELETE', '/api/v1/audit-logs/cleanup?days=90', { headers: api.key() });
    expect(cleanup.status).toBe(200);
    expect(cleanup.json.deleted_count).toBeGreaterThan(0);

    expect(await actionsOf(u.json.id)).toEqual(before.u);
    expect(await actionsOf(own.json.id)).toEqual([]);
    // The platform admin is a member (owner) of dev, yet their own trail (sign-ins here) is not the
    // key's to shorten; `admin.action` entries tagged dev (the key acts as its creator) do go.
    const personal = (actions: string[]) => actions.filter((a) => a !== 'admin.action');
    expect(personal(await actionsOf(admin.id)).slice(0, personal(before.admin).length)).toEqual(personal(before.admin));
  });
});

describe('SCIM-provisioned users', () => {
  test('permanently deleting one leaves the SCIM listing working and its groups without it', async () => {
    const { admin, scim, createUser } = await scimClient();
    const gone = await createUser();
    const kept = await createUser();
    const group = await scim('POST', '/Groups', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      displayName: 'Engineers',
      members: [{ value: gone }, { value: kept }],
    });
    expect(group.status).toBe(201);
    const del = await api.call('DELETE', `/api/v1/admin/users/${gone}?permanent=true`, { token: admin.token });
    expect(del.status).toBe(200);
    const users = await scim('GET', '/Users');
    expect(users.status).toBe(200);
    expect(users.json.Resources.map((r: { id: string }) => r.id)).toEqual([kept]);
    const g = await scim('GET', `/Groups/${group.json.id}`);
    expect(g.status).toBe(200);
    expect(g.json.members.map((m: { value: string }) => m.value)).toEqual([kept]);
    expect((await scim('GET', `/Users/${gone}`)).status).toBe(404);
  });

  test('the organization’s API key reaches an account its SCIM provisioned', async () => {
    const { createUser } = await scimClient();
    const id = await createUser();
    const r = await api.call('POST', `/api/v1/users/${id}/suspend`, { headers: api.key() });
    expect([r.status, r.json.message]).toEqual([200, 'User suspended successfully']);
  });

  test('an inactive one is announced as created before it is announced as suspended', async () => {
    const { createUser } = await scimClient();
    const actions = await actionsOf(await createUser(false));
    expect(actions.indexOf('user.created')).toBe(0);
    expect(actions).toContain('user.suspended');
  });

  test('an active one is announced as created before it is announced as a member', async () => {
    const { createUser } = await scimClient();
    const actions = await actionsOf(await createUser(true));
    expect(actions.indexOf('user.created')).toBe(0);
    expect(actions).toContain('organization.member.added');
  });
});
