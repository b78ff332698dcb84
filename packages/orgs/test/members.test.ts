import { AuthorizationError, ConflictError, NotFoundError, ValidationError } from '@janua/core';
import { type DevServer, startDevServer } from '@janua/dev-server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  addMember,
  checkPermission,
  createOrganization,
  getOrganization,
  listMembers,
  OrganizationRole,
  removeMember,
  updateMemberRole,
} from '../src/index';
import { newUser, recordEvents, rejectionOf, uniqueSlug } from './helpers';

let server: DevServer;
beforeAll(async () => {
  server = await startDevServer();
});
afterAll(() => server.close());

async function orgWith(roles: string[]) {
  const owner = await newUser(server, 'owner');
  const org = await createOrganization(owner.janua, { name: 'Acme', slug: uniqueSlug() });
  const users = [];
  for (const role of roles) {
    const u = await newUser(server, role);
    await addMember(owner.janua, { organizationId: org.id, userId: u.id, role });
    users.push(u);
  }
  return { owner, org, users };
}

describe('members', () => {
  test('add, change role, remove: with the member events of §4.8', async () => {
    const events = recordEvents(server);
    const { owner, org } = await orgWith([]);
    const grace = await newUser(server, 'grace');
    const added = await addMember(owner.janua, {
      organizationId: org.id,
      userId: grace.id,
      role: OrganizationRole.Viewer,
      metadata: { team: 'ops' },
    });
    expect(added).toMatchObject({
      userId: grace.id,
      organizationId: org.id,
      role: 'viewer',
      metadata: { team: 'ops' },
    });
    const dup = await rejectionOf(addMember(owner.janua, { organizationId: org.id, userId: grace.id }));
    expect(dup).toBeInstanceOf(ConflictError);
    expect(dup.message).toBe('User is already a member of this organization');
    expect(
      (await updateMemberRole(owner.janua, { organizationId: org.id, userId: grace.id, role: 'admin' })).role,
    ).toBe('admin');
    await removeMember(owner.janua, { organizationId: org.id, userId: grace.id });
    expect((await listMembers(owner.janua, { organizationId: org.id })).data.map((m) => m.userId)).toEqual([owner.id]);
    const withRemoved = await listMembers(owner.janua, { organizationId: org.id, includeRemoved: true });
    expect(withRemoved.data.find((m) => m.userId === grace.id)?.status).toBe('removed');
    const gone = await rejectionOf(removeMember(owner.janua, { organizationId: org.id, userId: grace.id }));
    expect(gone).toBeInstanceOf(NotFoundError);
    expect(gone.message).toBe('Member not found');
    const mine = events.filter((e) => e.payload.organization_id === org.id && e.payload.user_id === grace.id);
    expect(mine.map((e) => e.type)).toEqual([
      'organization.member.added',
      'organization.member.role_changed',
      'organization.member.removed',
    ]);
    expect(mine[1]?.payload).toEqual({
      organization_id: org.id,
      user_id: grace.id,
      role: 'admin',
      previous_role: 'viewer',
    });
  });

  test('RBAC of §4.5 on every member route', async () => {
    const { owner, org, users } = await orgWith(['admin', 'member', 'viewer', 'guest']);
    const [admin, member, viewer, guest] = users as [typeof owner, typeof owner, typeof owner, typeof owner];
    const extra = await newUser(server, 'extra');
    // Reading the list needs org:read: everyone but guests.
    for (const u of [admin, member, viewer]) {
      expect((await listMembers(u.janua, { organizationId: org.id })).data).toHaveLength(5);
    }
    const guestRead = await rejectionOf(listMembers(guest.janua, { organizationId: org.id }));
    expect(guestRead).toBeInstanceOf(AuthorizationError);
    expect(guestRead.message).toBe('Permission denied: org:read');
    // ...but a guest is a member: the organization itself is visible.
    expect((await getOrganization(guest.janua, { organizationId: org.id })).id).toBe(org.id);
    // Adding needs users:create: owner and admin.
    for (const u of [member, viewer, guest]) {
      const err = await rejectionOf(addMember(u.janua, { organizationId: org.id, userId: extra.id }));
      expect(err).toBeInstanceOf(AuthorizationError);
      expect(err.message).toBe('Permission denied: users:create');
    }
    const aboveOwn = await rejectionOf(
      addMember(admin.janua, { organizationId: org.id, userId: extra.id, role: 'owner' }),
    );
    expect(aboveOwn.message).toBe('Cannot assign role higher than your own');
    await addMember(admin.janua, { organizationId: org.id, userId: extra.id, role: 'admin' });
    // Removing needs users:delete, not oneself, and not a member who out-ranks you.
    expect(await rejectionOf(removeMember(member.janua, { organizationId: org.id, userId: viewer.id }))).toMatchObject({
      status: 403,
      message: 'Permission denied: users:delete',
    });
    const self = await rejectionOf(removeMember(admin.janua, { organizationId: org.id, userId: admin.id }));
    expect(self).toBeInstanceOf(ValidationError);
    expect(self.message).toBe('Cannot remove yourself from organization');
    await removeMember(admin.janua, { organizationId: org.id, userId: extra.id });
    // Unknown roles are rejected.
    const unknown = await rejectionOf(
      updateMemberRole(owner.janua, { organizationId: org.id, userId: viewer.id, role: 'superuser' }),
    );
    expect(unknown).toMatchObject({ status: 400, message: 'Invalid role: superuser' });
  });

  test('owners: a second owner can be made and demoted; the last one cannot leave or be demoted', async () => {
    const { owner, org, users } = await orgWith(['admin']);
    const [admin] = users as [typeof owner];
    await updateMemberRole(owner.janua, { organizationId: org.id, userId: admin.id, role: 'owner' });
    // Now two owners: the new one may demote the original.
    await updateMemberRole(admin.janua, { organizationId: org.id, userId: owner.id, role: 'member' });
    const last = await rejectionOf(
      updateMemberRole(admin.janua, { organizationId: org.id, userId: admin.id, role: 'admin' }),
    );
    expect(last.message).toBe('Cannot demote the last owner');
  });

  test('checkPermission compares the caller’s role with the named one; outsiders get false', async () => {
    const { owner, org, users } = await orgWith(['admin', 'viewer']);
    const [admin, viewer] = users as [typeof owner, typeof owner];
    const outsider = await newUser(server, 'outsider');
    const check = (u: typeof owner, permission: string) =>
      checkPermission(u.janua, { organizationId: org.id, permission });
    expect(await check(owner, 'owner')).toBe(true);
    expect(await check(admin, 'admin')).toBe(true);
    expect(await check(admin, 'owner')).toBe(false);
    expect(await check(viewer, 'member')).toBe(false);
    expect(await check(viewer, 'viewer')).toBe(true);
    expect(await check(admin, 'users:invite')).toBe(true);
    expect(await check(viewer, 'users:invite')).toBe(false);
    expect(await check(outsider, 'viewer')).toBe(false);
    expect(await rejectionOf(check(owner, ''))).toBeInstanceOf(ValidationError);
  });
});
