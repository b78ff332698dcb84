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

const cookieOf = (res: Response, name: string) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] as string)
    .find((c) => c.startsWith(name.endsWith('_') ? name : `${name}=`));
const unescapeHtml = (s: string) =>
  s
    .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCharCode(Number.parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d) => String.fromCharCode(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

/** A browser through GET /sso/initiate → the stand-in SAML IdP (which signs any email) → the ACS. */
async function samlSignInAs(slug: string, email: string) {
  const init = await fetch(api(`/sso/initiate?organization_slug=${slug}`), { redirect: 'manual' });
  expect(init.status).toBe(302);
  const idp = new URL(init.headers.get('location') as string);
  idp.searchParams.set('login_hint', email);
  idp.searchParams.set('auto', '1');
  const page = await (await fetch(idp)).text();
  const field = (n: string) => new RegExp(`name="${n}" value="([^"]*)"`).exec(page)?.[1];
  const form = new URLSearchParams({ SAMLResponse: unescapeHtml(field('SAMLResponse') as string) });
  const relay = field('RelayState');
  if (relay) form.set('RelayState', unescapeHtml(relay));
  const acs = await fetch(api('/sso/saml/acs'), {
    method: 'POST',
    body: form,
    headers: { cookie: cookieOf(init, 'janua_sso_') as string },
    redirect: 'manual',
  });
  const token = cookieOf(acs, 'access_token')?.split('=')[1];
  const me = token ? (await call('GET', '/auth/me', undefined, bearer(token))).json : null;
  return { status: acs.status, me, body: acs.status === 302 ? null : await acs.json() };
}

/** An ordinary user's org with SCIM, plus SAML SSO via the stand-in IdP set up with the org's own API key. */
async function ownOrgWithSaml() {
  const base = await ownOrgWithScim();
  const key = await call('POST', `/api-keys?organization_id=${base.org.id}`, { name: 'k' }, bearer(base.owner.token));
  expect(key.status, key.text).toBe(201);
  const cfg = await call(
    'POST',
    `/sso/configurations?organization_id=${base.org.id}`,
    { provider: 'saml', saml_metadata_url: `${server.url}/__dev/idp/saml/metadata` },
    { 'x-api-key': key.json.key },
  );
  expect(cfg.status, cfg.text).toBe(200);
  return base;
}

const NOT_LINKED = "This account cannot sign in with this organization's SSO";

describe("an organization's SSO signs in only accounts it created", () => {
  test('a pre-existing user added by members/add (no consent needed) is refused, not signed in', async () => {
    const victim = await signup('victim');
    const vslug = `victim-${Math.random().toString(36).slice(2, 10)}`;
    expect((await call('POST', '/organizations/', { name: 'Victim', slug: vslug }, bearer(victim.token))).status).toBe(
      200,
    );
    const { owner, org } = await ownOrgWithSaml();
    const add = await call('POST', `/organizations/${org.id}/members/add`, { user_id: victim.id }, bearer(owner.token));
    expect(add.status, add.text).toBe(200);
    const r = await samlSignInAs(org.slug, victim.email);
    expect(r.status).toBe(403);
    expect(r.body.error.message).toBe(NOT_LINKED);
    expect(r.me).toBeNull();
    // Nor the platform admin, made a member the same way.
    const adminId = (await call('POST', '/auth/signin', { email: server.admin.email, password: server.admin.password }))
      .json.user.id;
    await call('POST', `/organizations/${org.id}/members/add`, { user_id: adminId }, bearer(owner.token));
    expect((await samlSignInAs(org.slug, server.admin.email)).status).toBe(403);
    // Still refused the second time: a refusal links nothing.
    expect((await samlSignInAs(org.slug, victim.email)).status).toBe(403);
  });

  test("a user this organization's SCIM provisioned signs in and is linked; another org's SCIM user is refused", async () => {
    const { org, scim } = await ownOrgWithSaml();
    const email = uniqueEmail('provisioned');
    const made = await call('POST', '/scim/v2/Users', scimUser(email), scim);
    expect(made.status, made.text).toBe(201);
    const first = await samlSignInAs(org.slug, email);
    expect(first.status).toBe(302);
    expect(first.me.id).toBe(made.json.id);
    expect((await samlSignInAs(org.slug, email)).me.id).toBe(made.json.id);

    const other = await ownOrgWithSaml();
    const r = await samlSignInAs(other.org.slug, email);
    expect(r.status).toBe(403);
    expect(r.body.error.message).toBe(NOT_LINKED);
  });

  test('a JIT user removed from the organization signs in again (the organization owns that account)', async () => {
    const { owner, org } = await ownOrgWithSaml();
    const email = uniqueEmail('jit');
    const first = await samlSignInAs(org.slug, email);
    expect(first.status).toBe(302);
    const id = first.me.id as string;
    expect(
      (await call('DELETE', `/organizations/${org.id}/members/${id}`, undefined, bearer(owner.token))).status,
    ).toBeLessThan(300);
    const again = await samlSignInAs(org.slug, email);
    expect(again.status).toBe(302);
    expect(again.me.id).toBe(id);
    const members = await call('GET', `/organizations/${org.id}/members`, undefined, bearer(owner.token));
    expect(JSON.stringify(members.json)).toContain(id);
    // Another organization's IdP cannot reach the JIT account.
    const other = await ownOrgWithSaml();
    expect((await samlSignInAs(other.org.slug, email)).status).toBe(403);
  });
});
