import { signIn } from '@janua/auth';
import { AuthenticationError, AuthorizationError, createJanua, NotFoundError, ValidationError } from '@janua/core';
import { type DevServer, startDevServer } from '@janua/dev-server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  addMember,
  createOrganization,
  deleteOrganization,
  getOrganization,
  getOrganizationBySlug,
  getOrganizationSettings,
  iterateOrganizations,
  listMembers,
  listOrganizations,
  updateOrganization,
  updateOrganizationSettings,
} from '../src/index';
import { newUser, recordEvents, rejectionOf, uniqueSlug } from './helpers';

let server: DevServer;
beforeAll(async () => {
  server = await startDevServer();
});
afterAll(() => server.close());

describe('organizations', () => {
  test('create: the creator is the owner and an owner member; detail, slug lookup and events', async () => {
    const events = recordEvents(server);
    const ada = await newUser(server, 'ada');
    const slug = uniqueSlug('acme');
    const org = await createOrganization(ada.janua, { name: 'Acme', slug, description: 'Rockets' });
    expect(org).toMatchObject({ name: 'Acme', slug, description: 'Rockets', billingEmail: ada.email, memberCount: 1 });
    expect(org.createdAt).toBeInstanceOf(Date);
    const detail = await getOrganization(ada.janua, { organizationId: org.id });
    expect(detail.owner).toMatchObject({ id: ada.id, email: ada.email });
    expect(detail.subscriptionStatus).toBeNull();
    expect((await getOrganizationBySlug(ada.janua, { slug })).billingEmail).toBe(ada.email);
    const [member] = (await listMembers(ada.janua, { organizationId: org.id })).data;
    expect(member).toMatchObject({ userId: ada.id, role: 'owner', status: 'active' });
    expect(events.filter((e) => e.payload.id === org.id || e.payload.organization_id === org.id)).toEqual([
      { type: 'organization.created', payload: { id: org.id, name: 'Acme', slug } },
      { type: 'organization.member.added', payload: { organization_id: org.id, user_id: ada.id, role: 'owner' } },
    ]);
    // The wire answer is 200 at the collection root with its trailing slash (§1.1).
    const created = server.requests('POST', '/api/v1/organizations/').at(-1);
    expect(created?.status).toBe(200);
  });

  test('duplicate slug → ValidationError from the server; bad input → ValidationError without a request', async () => {
    const ada = await newUser(server, 'ada');
    const slug = uniqueSlug();
    await createOrganization(ada.janua, { name: 'One', slug });
    const dup = await rejectionOf(createOrganization(ada.janua, { name: 'Two', slug }));
    expect(dup).toBeInstanceOf(ValidationError);
    expect(dup).toMatchObject({ status: 400, message: 'Organization slug already exists' });
    const before = server.requests().length;
    for (const bad of [
      createOrganization(ada.janua, { name: 'X', slug: 'Upper-Case' }),
      createOrganization(ada.janua, { name: '', slug: 'ok' }),
      getOrganization(ada.janua, { organizationId: 'not-a-uuid' }),
      updateOrganization(ada.janua, { organizationId: '123' }),
      deleteOrganization(ada.janua, { organizationId: '../users/me' }),
      listOrganizations(ada.janua, { limit: 10, offset: 5 }),
      // "." and ".." would climb out of the route (`/organizations/slug/..` is the list).
      getOrganizationBySlug(ada.janua, { slug: '..' }),
      getOrganizationBySlug(ada.janua, { slug: '.' }),
    ]) {
      const err = await rejectionOf(bad);
      expect(err).toBeInstanceOf(ValidationError);
      expect(err.status).toBe(0);
    }
    expect(server.requests().length).toBe(before);
  });

  test('list pages and iterates over the caller’s organizations only', async () => {
    const ada = await newUser(server, 'ada');
    const other = await newUser(server, 'other');
    await createOrganization(other.janua, { name: 'Not mine', slug: uniqueSlug() });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push((await createOrganization(ada.janua, { name: `Org ${i}`, slug: uniqueSlug() })).id);
    const first = await listOrganizations(ada.janua, { limit: 2 });
    expect(first).toMatchObject({ total: 5, hasMore: true });
    expect(first.data.map((o) => o.id)).toEqual(ids.slice(0, 2));
    expect(first.data[0]).toMatchObject({ plan: 'community', ownerEmail: ada.email });
    const last = await listOrganizations(ada.janua, { limit: 2, offset: 4 });
    expect(last.hasMore).toBe(false);
    const all: string[] = [];
    for await (const org of iterateOrganizations(ada.janua, { limit: 2 })) all.push(org.id);
    expect(all).toEqual(ids);
  });

  test('update and settings: admins may, members may read only; settings merge shallowly', async () => {
    const events = recordEvents(server);
    const owner = await newUser(server, 'owner');
    const admin = await newUser(server, 'admin');
    const member = await newUser(server, 'member');
    const org = await createOrganization(owner.janua, { name: 'Acme', slug: uniqueSlug() });
    await addMember(owner.janua, { organizationId: org.id, userId: admin.id, role: 'admin' });
    await addMember(owner.janua, { organizationId: org.id, userId: member.id, role: 'member' });

    const updated = await updateOrganization(admin.janua, {
      organizationId: org.id,
      name: 'Acme Inc',
      logoUrl: 'https://example.test/logo.png',
      settings: { theme: 'light', locale: 'en' },
    });
    expect(updated).toMatchObject({ name: 'Acme Inc', logoUrl: 'https://example.test/logo.png' });
    expect(events.some((e) => e.type === 'organization.updated' && e.payload.name === 'Acme Inc')).toBe(true);
    const denied = await rejectionOf(updateOrganization(member.janua, { organizationId: org.id, name: 'Mine' }));
    expect(denied).toBeInstanceOf(AuthorizationError);
    expect(denied.message).toBe('Insufficient permissions');

    const read = await getOrganizationSettings(member.janua, { organizationId: org.id });
    expect(read.settings).toEqual({ theme: 'light', locale: 'en' });
    const merged = await updateOrganizationSettings(admin.janua, {
      organizationId: org.id,
      settings: { theme: 'dark', beta: true },
    });
    expect(merged.settings).toEqual({ theme: 'dark', locale: 'en', beta: true });
    expect(merged.id).toBe(read.id);
    expect(
      await rejectionOf(updateOrganizationSettings(member.janua, { organizationId: org.id, settings: { x: 1 } })),
    ).toBeInstanceOf(AuthorizationError);
  });

  test('delete: owners only; afterwards the organization is gone for everyone', async () => {
    const events = recordEvents(server);
    const owner = await newUser(server, 'owner');
    const admin = await newUser(server, 'admin');
    const org = await createOrganization(owner.janua, { name: 'Doomed', slug: uniqueSlug() });
    await addMember(owner.janua, { organizationId: org.id, userId: admin.id, role: 'admin' });
    const denied = await rejectionOf(deleteOrganization(admin.janua, { organizationId: org.id }));
    expect(denied).toBeInstanceOf(AuthorizationError);
    expect(denied.message).toBe('Only organization owner can delete the organization');
    await deleteOrganization(owner.janua, { organizationId: org.id });
    expect(events.some((e) => e.type === 'organization.deleted' && e.payload.id === org.id)).toBe(true);
    expect(await rejectionOf(getOrganization(owner.janua, { organizationId: org.id }))).toBeInstanceOf(NotFoundError);
    expect((await listOrganizations(admin.janua)).data).toEqual([]);
  });

  test('the seeded API key acts as its organization’s service principal and sees no other', async () => {
    const service = createJanua({ baseUrl: server.url, apiKey: server.apiKey, env: {} });
    const page = await listOrganizations(service);
    expect(page.data.map((o) => o.slug)).toEqual(['dev']);
    const dev = page.data[0];
    if (!dev) throw new Error('seeded organization missing');
    expect((await getOrganization(service, { organizationId: dev.id })).slug).toBe('dev');
    const ada = await newUser(server, 'ada');
    const foreign = await createOrganization(ada.janua, { name: 'Foreign', slug: uniqueSlug() });
    expect(await rejectionOf(getOrganization(service, { organizationId: foreign.id }))).toBeInstanceOf(
      AuthorizationError,
    );
  });

  test('deleting an organization takes the rows of other domains that point at it (its API keys)', async () => {
    const admin = createJanua({ baseUrl: server.url, env: {} });
    await signIn(admin, server.admin);
    const service = createJanua({ baseUrl: server.url, apiKey: server.apiKey, env: {} });
    const [dev] = (await listOrganizations(service)).data;
    if (!dev) throw new Error('seeded organization missing');
    try {
      await deleteOrganization(admin, { organizationId: dev.id });
      const revoked = await rejectionOf(listOrganizations(service));
      expect(revoked).toBeInstanceOf(AuthenticationError);
      expect(revoked.message).toBe('Invalid or revoked API key');
    } finally {
      await server.reset();
    }
  });
});
