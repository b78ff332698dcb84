import { AuthorizationError, NotFoundError, ValidationError } from '@janua/core';
import { type DevServer, startDevServer } from '@janua/dev-server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  addMember,
  assignRole,
  createInvite,
  createOrganization,
  createRole,
  deleteRole,
  iterateRoles,
  listMembers,
  listRoles,
  updateRole,
} from '../src/index';
import { newUser, rejectionOf, uniqueEmail, uniqueSlug } from './helpers';

let server: DevServer;
beforeAll(async () => {
  server = await startDevServer();
});
afterAll(() => server.close());

describe('custom roles', () => {
  test('system roles are listed first and read-only; custom roles CRUD with 201/204', async () => {
    const owner = await newUser(server, 'owner');
    const org = await createOrganization(owner.janua, { name: 'Acme', slug: uniqueSlug() });
    const system = await listRoles(owner.janua, { organizationId: org.id });
    expect(system.data.map((r) => [r.name, r.isSystem])).toEqual([
      ['owner', true],
      ['admin', true],
      ['member', true],
      ['viewer', true],
      ['guest', true],
    ]);
    expect(system.data[1]?.permissions).toEqual(['org:read', 'org:update', 'users:*']);

    const role = await createRole(owner.janua, {
      organizationId: org.id,
      name: 'recruiter',
      description: 'Hires people',
      permissions: ['org:read', 'users:invite'],
    });
    expect(server.requests('POST', '/api/v1/roles').at(-1)?.status).toBe(201);
    expect(role).toMatchObject({ organizationId: org.id, name: 'recruiter', isSystem: false });
    expect((await listRoles(owner.janua, { organizationId: org.id, includeSystem: false })).data).toHaveLength(1);
    const names: string[] = [];
    for await (const r of iterateRoles(owner.janua, { organizationId: org.id, limit: 2 })) names.push(r.name);
    expect(names).toEqual(['owner', 'admin', 'member', 'viewer', 'guest', 'recruiter']);

    const dup = await rejectionOf(createRole(owner.janua, { organizationId: org.id, name: 'recruiter' }));
    expect(dup).toBeInstanceOf(ValidationError);
    expect(dup.message).toBe('Role name already exists');
    expect((await rejectionOf(createRole(owner.janua, { organizationId: org.id, name: 'Admin' }))).message).toBe(
      'Cannot use a system role name: Admin',
    );
    const badPermission = await rejectionOf(
      createRole(owner.janua, { organizationId: org.id, name: 'x', permissions: ['DROP TABLE'] }),
    );
    expect(badPermission).toMatchObject({ status: 422 });
    expect(badPermission.fieldErrors[0].field).toBe('body.permissions.0');

    const systemId = system.data[0]?.id as string;
    expect(
      (await rejectionOf(updateRole(owner.janua, { organizationId: org.id, roleId: systemId, name: 'boss' }))).message,
    ).toBe('Cannot modify system roles');
    const renamed = await updateRole(owner.janua, { organizationId: org.id, roleId: role.id, name: 'talent' });
    expect(renamed.name).toBe('talent');
    await deleteRole(owner.janua, { organizationId: org.id, roleId: role.id });
    expect(server.requests('DELETE', `/api/v1/roles/${role.id}`).at(-1)?.status).toBe(204);
    expect(await rejectionOf(deleteRole(owner.janua, { organizationId: org.id, roleId: role.id }))).toBeInstanceOf(
      NotFoundError,
    );
  });

  test('a custom role grants exactly its permissions; renames follow the members', async () => {
    const owner = await newUser(server, 'owner');
    const org = await createOrganization(owner.janua, { name: 'Acme', slug: uniqueSlug() });
    const hire = await newUser(server, 'hire');
    await addMember(owner.janua, { organizationId: org.id, userId: hire.id, role: 'viewer' });
    const role = await createRole(owner.janua, {
      organizationId: org.id,
      name: 'recruiter',
      permissions: ['org:read', 'users:invite'],
    });
    const assigned = await assignRole(owner.janua, { organizationId: org.id, userId: hire.id, roleName: 'recruiter' });
    expect(assigned).toEqual({ userId: hire.id, organizationId: org.id, role: 'recruiter' });

    // users:invite → may invite; no users:create → may not add members directly.
    expect((await createInvite(hire.janua, { organizationId: org.id, email: uniqueEmail() })).role).toBe('member');
    const other = await newUser(server, 'other');
    const add = await rejectionOf(addMember(hire.janua, { organizationId: org.id, userId: other.id }));
    expect(add).toBeInstanceOf(AuthorizationError);
    expect(add.message).toBe('Permission denied: users:create');
    // Custom roles rank as member: no inviting admins.
    const admin = await rejectionOf(
      createInvite(hire.janua, { organizationId: org.id, email: uniqueEmail(), role: 'admin' }),
    );
    expect(admin.message).toBe('Cannot assign role higher than your own');
    // Not an organization admin: the role routes are closed.
    const roles = await rejectionOf(listRoles(hire.janua, { organizationId: org.id }));
    expect(roles).toBeInstanceOf(AuthorizationError);
    expect(roles.message).toBe('Admin access required for this organization');

    await updateRole(owner.janua, {
      organizationId: org.id,
      roleId: role.id,
      name: 'talent',
      permissions: ['org:read'],
    });
    const members = await listMembers(owner.janua, { organizationId: org.id });
    expect(members.data.find((m) => m.userId === hire.id)?.role).toBe('talent');
    expect(
      await rejectionOf(createInvite(hire.janua, { organizationId: org.id, email: uniqueEmail() })),
    ).toBeInstanceOf(AuthorizationError);
    const inUse = await rejectionOf(deleteRole(owner.janua, { organizationId: org.id, roleId: role.id }));
    expect(inUse.message).toBe('Role is assigned to 1 member(s)');
  });

  test('assignRole follows the hierarchy rules; unknown members and roles are refused', async () => {
    const owner = await newUser(server, 'owner');
    const org = await createOrganization(owner.janua, { name: 'Acme', slug: uniqueSlug() });
    const admin = await newUser(server, 'admin');
    const member = await newUser(server, 'member');
    await addMember(owner.janua, { organizationId: org.id, userId: admin.id, role: 'admin' });
    await addMember(owner.janua, { organizationId: org.id, userId: member.id });
    const above = await rejectionOf(
      assignRole(admin.janua, { organizationId: org.id, userId: member.id, roleName: 'owner' }),
    );
    expect(above).toBeInstanceOf(AuthorizationError);
    expect(above.message).toBe('Cannot assign role higher than your own');
    expect(
      (await assignRole(admin.janua, { organizationId: org.id, userId: member.id, roleName: 'viewer' })).role,
    ).toBe('viewer');
    const stranger = await newUser(server, 'stranger');
    expect(
      await rejectionOf(assignRole(owner.janua, { organizationId: org.id, userId: stranger.id, roleName: 'member' })),
    ).toBeInstanceOf(NotFoundError);
    expect(
      (await rejectionOf(assignRole(owner.janua, { organizationId: org.id, userId: member.id, roleName: 'nope' })))
        .message,
    ).toBe('Invalid role: nope');
    const last = await rejectionOf(
      assignRole(owner.janua, { organizationId: org.id, userId: owner.id, roleName: 'admin' }),
    );
    expect(last.message).toBe('Cannot demote the last owner');
  });
});
