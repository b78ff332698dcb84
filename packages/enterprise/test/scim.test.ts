import { getCurrentUser, requestPasswordReset, resetPassword, signIn, signUp } from '@janua/auth';
import {
  AuthenticationError,
  AuthorizationError,
  ConflictError,
  createJanua,
  type Janua,
  NotFoundError,
  request,
  ValidationError,
} from '@janua/core';
import { type DevServer, startDevServer } from '@janua/dev-server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  createScimConfig,
  deleteScimConfig,
  getScimConfig,
  getScimStatus,
  listAuditLogs,
  listScimLogs,
  rotateScimToken,
  updateScimConfig,
} from '../src/index';
import { PASSWORD, rejectionOf, uniqueEmail } from './helpers';

let server: DevServer;
let admin: Janua;
beforeAll(async () => {
  server = await startDevServer();
  admin = createJanua({ baseUrl: server.url, env: {} });
  await signIn(admin, { email: server.admin.email, password: server.admin.password });
});
afterAll(() => server.close());

const make = () => createJanua({ baseUrl: server.url, env: {}, maxRetries: 0 });

async function newOrg(): Promise<string> {
  const slug = `scim-${Math.random().toString(36).slice(2, 10)}`;
  const org = await request<{ id: string }>(admin, {
    method: 'POST',
    path: '/organizations/',
    body: { name: slug, slug },
  });
  return org.id;
}

/** A minimal SCIM client, as an IdP would be: plain fetch with the bearer token. */
function scimClient(token: string) {
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${server.url}/api/v1/scim/v2${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body ? { 'content-type': 'application/scim+json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    // biome-ignore lint/suspicious/noExplicitAny: SCIM bodies are inspected field by field
    return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : null) as any };
  };
  return {
    get: (p: string) => call('GET', p),
    post: (p: string, b: unknown) => call('POST', p, b),
    put: (p: string, b: unknown) => call('PUT', p, b),
    patch: (p: string, ops: unknown[]) =>
      call('PATCH', p, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: ops }),
    del: (p: string) => call('DELETE', p),
  };
}

const scimUser = (email: string, extra: Record<string, unknown> = {}) => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  userName: email,
  externalId: `ext-${email}`,
  name: { givenName: 'Ada', familyName: 'Lovelace' },
  emails: [{ value: email, primary: true, type: 'work' }],
  active: true,
  ...extra,
});

const memberOf = (orgId: string, userId: string) =>
  request<{ user_id: string; role: string; status: string; metadata: Record<string, unknown> | null }[]>(admin, {
    method: 'GET',
    path: `/organizations/${orgId}/members`,
  }).then((ms) => ms.find((m) => m.user_id === userId));

describe('SCIM configuration', () => {
  test('create shows a prefix only; rotate reveals the token; update, status, delete', async () => {
    const organizationId = await newOrg();
    const created = await createScimConfig(admin, { organizationId, provider: 'okta' });
    expect(created).toMatchObject({ organizationId, provider: 'okta', enabled: false, configuration: {} });
    expect(created.bearerTokenPrefix).toMatch(/^scim_.{7}\.\.\.$/);
    expect(created.baseUrl).toBe(`${server.url}/api/v1/scim/v2`);
    expect(created.createdAt).toBeInstanceOf(Date);

    const dup = await rejectionOf(createScimConfig(admin, { organizationId }));
    expect(dup).toBeInstanceOf(ConflictError);
    expect(dup.status).toBe(409);

    const { bearerToken } = await rotateScimToken(admin, { organizationId });
    expect(bearerToken).toMatch(/^scim_[A-Za-z0-9_-]{43}$/);
    const fetched = await getScimConfig(admin, { organizationId });
    expect(fetched.bearerTokenPrefix).toBe(`${bearerToken.slice(0, 12)}...`);
    expect(JSON.stringify(fetched)).not.toContain(bearerToken);

    // Disabled: the IdP is refused (and the refusal is logged).
    const idp = scimClient(bearerToken);
    const refused = await idp.get('/Users');
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatchObject({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '403',
    });

    const updated = await updateScimConfig(admin, { organizationId, enabled: true, configuration: { note: 'x' } });
    expect(updated).toMatchObject({ enabled: true, provider: 'okta', configuration: { note: 'x' } });
    expect((await idp.get('/Users')).status).toBe(200);

    const status = await getScimStatus(admin, { organizationId });
    expect(status).toMatchObject({ enabled: true, provider: 'okta', totalUsers: 0, totalGroups: 0, pendingUsers: 0 });
    expect(status.lastSyncAt).toBeInstanceOf(Date);
    expect(status.recentOperations.length).toBe(2);

    // A rotation invalidates the previous token.
    const second = await rotateScimToken(admin, { organizationId });
    expect((await idp.get('/Users')).status).toBe(401);
    expect((await scimClient(second.bearerToken).get('/Users')).status).toBe(200);

    await deleteScimConfig(admin, { organizationId });
    expect(await rejectionOf(getScimConfig(admin, { organizationId }))).toBeInstanceOf(NotFoundError);
    expect((await scimClient(second.bearerToken).get('/Users')).status).toBe(401);
  });

  test('bad ids and providers fail locally; plain members are refused', async () => {
    const before = server.requests().length;
    expect(await rejectionOf(getScimConfig(admin, { organizationId: 'nope' }))).toBeInstanceOf(ValidationError);
    expect(
      // biome-ignore lint/suspicious/noExplicitAny: testing a bad provider from untyped callers
      await rejectionOf(createScimConfig(admin, { organizationId: crypto.randomUUID(), provider: 'x' as any })),
    ).toBeInstanceOf(ValidationError);
    expect(server.requests().length).toBe(before);

    const organizationId = await newOrg();
    const outsider = make();
    await signUp(outsider, { email: uniqueEmail('outsider'), password: PASSWORD });
    const err = await rejectionOf(createScimConfig(outsider, { organizationId }));
    expect(err).toBeInstanceOf(AuthorizationError);
    expect(err.status).toBe(403);
  });
});

describe('SCIM 2.0 provisioning', () => {
  test('an IdP provisions, patches and deprovisions a user and a group; the user really loses access', async () => {
    const firstRequest = server.requests().length;
    const organizationId = await newOrg();
    await createScimConfig(admin, { organizationId, provider: 'custom', enabled: true });
    const { bearerToken } = await rotateScimToken(admin, { organizationId });
    const idp = scimClient(bearerToken);

    // Discovery.
    const spc = await idp.get('/ServiceProviderConfig');
    expect(spc.status).toBe(200);
    expect(spc.headers.get('content-type')).toContain('application/scim+json');
    expect(spc.body.patch.supported).toBe(true);
    expect((await idp.get('/Schemas')).body.totalResults).toBe(2);
    expect((await idp.get('/ResourceTypes')).body.Resources.map((r: { id: string }) => r.id)).toEqual([
      'User',
      'Group',
    ]);

    // No token / wrong token: SCIM error object inside the canonical envelope.
    const anon = await fetch(`${server.url}/api/v1/scim/v2/Users`);
    expect(anon.status).toBe(401);
    expect(((await anon.json()) as { error: { message: { detail: string } } }).error.message.detail).toBe(
      'Invalid or missing SCIM bearer token',
    );

    // Provision Ada (no password yet) and Bob (password given by the IdP).
    const ada = uniqueEmail('ada');
    const bob = uniqueEmail('bob');
    const createdAda = await idp.post('/Users', scimUser(ada));
    expect(createdAda.status).toBe(201);
    expect(createdAda.body).toMatchObject({
      userName: ada,
      externalId: `ext-${ada}`,
      active: true,
      name: { givenName: 'Ada', familyName: 'Lovelace' },
      emails: [{ value: ada, primary: true }],
      meta: { resourceType: 'User' },
    });
    expect(createdAda.headers.get('location')).toBe(createdAda.body.meta.location);
    const adaId = createdAda.body.id as string;
    const createdBob = await idp.post('/Users', scimUser(bob, { password: PASSWORD }));
    expect(createdBob.status).toBe(201);
    const bobId = createdBob.body.id as string;
    expect(createdBob.body).not.toHaveProperty('password');

    const dup = await idp.post('/Users', scimUser(ada));
    expect(dup.status).toBe(409);
    expect(dup.body.error.message).toMatchObject({ status: '409', scimType: 'uniqueness' });

    // Real users and memberships with the default role.
    expect(await memberOf(organizationId, adaId)).toMatchObject({ role: 'member', status: 'active' });
    expect(await memberOf(organizationId, bobId)).toMatchObject({ role: 'member', status: 'active' });

    // Filter and paging.
    const found = await idp.get(`/Users?filter=${encodeURIComponent(`userName eq "${ada.toUpperCase()}"`)}`);
    expect(found.body).toMatchObject({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: 1,
      startIndex: 1,
      itemsPerPage: 1,
    });
    expect(found.body.Resources[0].id).toBe(adaId);
    expect((await idp.get(`/Users?filter=${encodeURIComponent(`email eq "${bob}"`)}`)).body.Resources[0].id).toBe(
      bobId,
    );
    const page2 = await idp.get('/Users?startIndex=2&count=1');
    expect(page2.body).toMatchObject({ totalResults: 2, startIndex: 2, itemsPerPage: 1 });
    expect(page2.body.Resources[0].id).toBe(bobId);
    const bad = await idp.get(`/Users?filter=${encodeURIComponent('userName co "a"')}`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message.scimType).toBe('invalidFilter');

    // Ada sets a password through the SDK's reset flow; Bob signs in with the IdP's password.
    await requestPasswordReset(make(), { email: ada });
    const [mail] = server.outbox({ to: ada, template: 'password_reset' });
    const adaJanua = make();
    await resetPassword(adaJanua, { token: mail?.token as string, newPassword: PASSWORD });
    await signIn(adaJanua, { email: ada, password: PASSWORD });
    expect((await getCurrentUser(adaJanua)).email).toBe(ada);
    const bobJanua = make();
    await signIn(bobJanua, { email: bob, password: PASSWORD });
    expect((await getCurrentUser(bobJanua)).id).toBe(bobId);

    // PATCH per RFC 7644: with a path, and without one (Azure AD style, capitalised op).
    const patched = await idp.patch(`/Users/${adaId}`, [
      { op: 'replace', path: 'name.givenName', value: 'Augusta' },
      { op: 'Replace', value: { displayName: 'Countess' } },
    ]);
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ name: { givenName: 'Augusta' }, displayName: 'Countess', active: true });

    // Group: create with Ada, patch in Bob, rename, take Ada out.
    const group = await idp.post('/Groups', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      displayName: 'Engineering',
      members: [{ value: adaId }],
    });
    expect(group.status).toBe(201);
    const groupId = group.body.id as string;
    expect(group.body.members).toEqual([expect.objectContaining({ value: adaId, display: ada })]);
    expect((await memberOf(organizationId, adaId))?.metadata).toEqual({ scim_groups: ['Engineering'] });
    const addBob = await idp.patch(`/Groups/${groupId}`, [{ op: 'add', path: 'members', value: [{ value: bobId }] }]);
    expect(addBob.body.members.map((m: { value: string }) => m.value).sort()).toEqual([adaId, bobId].sort());
    const renamed = await idp.patch(`/Groups/${groupId}`, [{ op: 'replace', path: 'displayName', value: 'R&D' }]);
    expect(renamed.body.displayName).toBe('R&D');
    const removeAda = await idp.patch(`/Groups/${groupId}`, [{ op: 'remove', path: `members[value eq "${adaId}"]` }]);
    expect(removeAda.body.members.map((m: { value: string }) => m.value)).toEqual([bobId]);
    expect((await memberOf(organizationId, adaId))?.metadata).toEqual({ scim_groups: [] });
    expect((await memberOf(organizationId, bobId))?.metadata).toEqual({ scim_groups: ['R&D'] });
    expect((await idp.get(`/Users/${bobId}`)).body.groups).toEqual([{ value: groupId, display: 'R&D' }]);
    expect((await idp.get(`/Groups?filter=${encodeURIComponent('displayName eq "R&D"')}`)).body.totalResults).toBe(1);
    const strayMember = await idp.patch(`/Groups/${groupId}`, [
      { op: 'add', path: 'members', value: [{ value: crypto.randomUUID() }] },
    ]);
    expect(strayMember.status).toBe(400);

    // Deprovision Ada with active:false: her access token dies, sign-in fails.
    const off = await idp.patch(`/Users/${adaId}`, [{ op: 'replace', path: 'active', value: false }]);
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    const dead = await rejectionOf(getCurrentUser(adaJanua));
    expect(dead).toBeInstanceOf(AuthenticationError);
    expect(dead.status).toBe(401);
    const refused = await rejectionOf(signIn(make(), { email: ada, password: PASSWORD }));
    expect(refused).toBeInstanceOf(AuthorizationError);
    expect(refused.message).toBe('Account suspended');

    // Re-activate, then DELETE Bob: out of the organization and the group, signed out.
    expect((await idp.patch(`/Users/${adaId}`, [{ op: 'replace', path: 'active', value: true }])).body.active).toBe(
      true,
    );
    await signIn(make(), { email: ada, password: PASSWORD });
    expect((await idp.del(`/Users/${bobId}`)).status).toBe(204);
    expect((await idp.get(`/Users/${bobId}`)).status).toBe(404);
    expect(await rejectionOf(getCurrentUser(bobJanua))).toBeInstanceOf(AuthenticationError);
    expect(await rejectionOf(signIn(make(), { email: bob, password: PASSWORD }))).toBeInstanceOf(AuthorizationError);
    expect(await memberOf(organizationId, bobId)).toBeUndefined();
    expect((await idp.get(`/Groups/${groupId}`)).body.members).toEqual([]);
    expect((await idp.del(`/Groups/${groupId}`)).status).toBe(204);
    expect((await idp.get(`/Groups/${groupId}`)).status).toBe(404);

    // Every call is in the SCIM log, newest first; failures carry their code.
    const logs = await listScimLogs(admin, { organizationId });
    const scimCalls = server
      .requests()
      .slice(firstRequest)
      .filter((r) => r.path.startsWith('/api/v1/scim/v2') && r.status !== 401);
    expect(logs).toHaveLength(scimCalls.length);
    expect(logs[0]).toMatchObject({ operation: 'read', resourceType: 'Group', scimId: groupId, status: 'error' });
    expect(logs.find((l) => l.operation === 'delete' && l.resourceType === 'User')).toMatchObject({
      scimId: bobId,
      internalId: bobId,
      status: 'success',
    });
    expect(logs.find((l) => l.errorCode === 'invalidFilter')).toBeDefined();
    expect(logs.filter((l) => l.operation === 'patch').length).toBe(7);
    expect(logs.at(-1)?.syncedAt).toBeInstanceOf(Date);

    const status = await getScimStatus(admin, { organizationId });
    expect(status).toMatchObject({ totalUsers: 1, totalGroups: 0, syncedUsers: 1 });

    // The audit writer records SCIM events next to the user events they caused.
    const audit = await listAuditLogs(admin, { action: 'scim.user.delete' });
    expect(audit.data.some((a) => a.resourceId === bobId)).toBe(true);
    const suspended = await listAuditLogs(admin, { action: 'user.suspended', actor: adaId });
    expect(suspended.data.length).toBeGreaterThanOrEqual(1);
  });

  test('PUT replaces users and groups; unknown ids are SCIM 404s', async () => {
    const organizationId = await newOrg();
    await createScimConfig(admin, { organizationId, enabled: true });
    const idp = scimClient((await rotateScimToken(admin, { organizationId })).bearerToken);
    const email = uniqueEmail('put');
    const id = (await idp.post('/Users', scimUser(email))).body.id as string;
    const replaced = await idp.put(`/Users/${id}`, scimUser(email, { name: { givenName: 'Mary' }, displayName: 'M' }));
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ name: { givenName: 'Mary' }, displayName: 'M', active: true });
    expect(replaced.body.name.familyName).toBeUndefined();
    const off = await idp.put(`/Users/${id}`, scimUser(email, { active: false }));
    expect(off.body.active).toBe(false);

    const group = (await idp.post('/Groups', { displayName: 'Ops', members: [] })).body.id as string;
    const put = await idp.put(`/Groups/${group}`, { displayName: 'Ops 2', members: [{ value: id }] });
    expect(put.body).toMatchObject({ displayName: 'Ops 2', members: [expect.objectContaining({ value: id })] });
    expect((await idp.post('/Groups', { displayName: 'Ops 2' })).status).toBe(409);

    const missing = await idp.get(`/Users/${crypto.randomUUID()}`);
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toMatchObject({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '404',
    });
    const badPatch = await idp.put(`/Users/${id}`, { userName: '' });
    expect(badPatch.body.error.message).toMatchObject({ status: '400', scimType: 'invalidValue' });
    const notPatchOp = await fetch(`${server.url}/api/v1/scim/v2/Users/${id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${(await rotateScimToken(admin, { organizationId })).bearerToken}` },
      body: JSON.stringify({ Operations: [] }),
    });
    expect(notPatchOp.status).toBe(400);
  });
});
