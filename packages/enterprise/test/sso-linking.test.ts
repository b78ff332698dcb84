import { type DevServer, startDevServer } from '@janua/dev-server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PASSWORD, uniqueEmail } from './helpers';

// Account-takeover regressions: an organization's SCIM and SSO reach only accounts it created.
// Everything here is driven the way an attacker would: plain HTTP with a self-made organization.

let server: DevServer;
beforeAll(async () => {
  server = await startDevServer();
});
afterAll(() => server.close());

const api = (p: string) => `${server.url}/api/v1${p}`;
async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(path.startsWith('http') ? path : api(path), {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
    redirect: 'manual',
  });
  const text = await res.text();
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are inspected field by field
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {}
  return { status: res.status, json, text };
}
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function signup(prefix: string) {
  const email = uniqueEmail(prefix);
  const r = await call('POST', '/auth/signup', { email, password: PASSWORD });
  expect(r.status, r.text).toBe(200);
  return { email, id: r.json.user.id as string, token: r.json.tokens.access_token as string };
}

const passwordWorks = async (email: string, password: string) =>
  (await call('POST', '/auth/signin', { email, password })).status === 200;

/** An ordinary user's own organization with SCIM enabled; returns the owner, the org and the SCIM token. */
async function ownOrgWithScim() {
  const owner = await signup('owner');
  const slug = `own-${Math.random().toString(36).slice(2, 10)}`;
  const org = await call('POST', '/organizations/', { name: slug, slug }, bearer(owner.token));
  expect(org.status, org.text).toBe(200);
  expect(
    (await call('POST', `/organizations/${org.json.id}/scim/config`, { enabled: true }, bearer(owner.token))).status,
  ).toBe(201);
  const tok = await call('POST', `/organizations/${org.json.id}/scim/config/token`, undefined, bearer(owner.token));
  return { owner, org: { id: org.json.id as string, slug }, scim: bearer(tok.json.bearer_token as string) };
}

const scimUser = (email: string, extra: Record<string, unknown> = {}) => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  userName: email,
  emails: [{ value: email, primary: true }],
  active: true,
  ...extra,
});

function expectUniqueness(r: { status: number; json: { error: { message: unknown } } }) {
  expect(r.status).toBe(409);
  expect(r.json.error.message).toMatchObject({
    schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
    status: '409',
    scimType: 'uniqueness',
  });
}

describe('SCIM provisions only accounts it creates', () => {
  test("the platform admin's email: 409 uniqueness, nothing linked, the admin's password unchanged", async () => {
    const { scim } = await ownOrgWithScim();
    const user = scimUser(server.admin.email);
    expectUniqueness(await call('POST', '/scim/v2/Users', user, scim));
    expectUniqueness(await call('POST', '/scim/v2/Users', { ...user, password: 'Owned123!owned' }, scim));
    const list = await call(
      'GET',
      `/scim/v2/Users?filter=${encodeURIComponent(`userName eq "${server.admin.email}"`)}`,
      undefined,
      scim,
    );
    expect(list.json.totalResults).toBe(0);
    // The admin's own id as a resource id: unknown to this organization's SCIM.
    const adminId = (await call('POST', '/auth/signin', { email: server.admin.email, password: server.admin.password }))
      .json.user.id;
    expect((await call('PUT', `/scim/v2/Users/${adminId}`, { ...user, password: 'Owned123!owned' }, scim)).status).toBe(
      404,
    );
    expect((await call('DELETE', `/scim/v2/Users/${adminId}`, undefined, scim)).status).toBe(404);
    expect(await passwordWorks(server.admin.email, server.admin.password)).toBe(true);
    expect(await passwordWorks(server.admin.email, 'Owned123!owned')).toBe(false);
  });

  test("another organization's (or nobody's) existing user: 409; its own provisioned user: PUT works", async () => {
    const a = await ownOrgWithScim();
    const b = await ownOrgWithScim();
    // A signed-up account that even is a member of org A: still not A's SCIM's to provision.
    const loner = await signup('loner');
    expect(
      (await call('POST', `/organizations/${a.org.id}/members/add`, { user_id: loner.id }, bearer(a.owner.token)))
        .status,
    ).toBe(200);
    expectUniqueness(await call('POST', '/scim/v2/Users', scimUser(loner.email), a.scim));
    // B's owner, and a user B's SCIM provisioned.
    expectUniqueness(await call('POST', '/scim/v2/Users', scimUser(b.owner.email), a.scim));
    const email = uniqueEmail('b-user');
    const made = await call('POST', '/scim/v2/Users', scimUser(email, { password: 'Initial123!x' }), b.scim);
    expect(made.status, made.text).toBe(201);
    expectUniqueness(await call('POST', '/scim/v2/Users', scimUser(email), a.scim));
    // A cannot reach B's resource by id either.
    expect(
      (await call('PUT', `/scim/v2/Users/${made.json.id}`, scimUser(email, { password: 'Owned123!owned' }), a.scim))
        .status,
    ).toBe(404);
    expect((await call('DELETE', `/scim/v2/Users/${made.json.id}`, undefined, a.scim)).status).toBe(404);
    expect(await passwordWorks(email, 'Initial123!x')).toBe(true);
    expect(await passwordWorks(loner.email, PASSWORD)).toBe(true);
    // B manages its own user as before; a deprovisioned user of B can be provisioned again by B.
    const put = await call(
      'PUT',
      `/scim/v2/Users/${made.json.id}`,
      scimUser(email, { password: 'Changed123!x' }),
      b.scim,
    );
    expect(put.status, put.text).toBe(200);
    expect(await passwordWorks(email, 'Changed123!x')).toBe(true);
    expect((await call('DELETE', `/scim/v2/Users/${made.json.id}`, undefined, b.scim)).status).toBe(204);
    const again = await call('POST', '/scim/v2/Users', scimUser(email), b.scim);
    expect(again.status, again.text).toBe(201);
    expect(again.json.id).toBe(made.json.id);
  });
});
