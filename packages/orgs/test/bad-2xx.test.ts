import { type DevServer, startDevServer } from '@janua/dev-server';
import { afterAll, beforeAll } from 'vitest';
import { describeBad2xx } from '../../../test-support/bad-2xx';
import * as orgs from '../src/index';
import { PASSWORD } from './helpers';

let server: DevServer;
beforeAll(async () => {
  server = await startDevServer({ scryptN: 1024 });
});
afterAll(() => server.close());

const id = '11111111-2222-4333-8444-555555555555';
const org = { organizationId: id };

describeBad2xx({
  server: () => server,
  module: orgs,
  table: {
    // Signed in, no password: the existing-user branch (GET /auth/me, then accept).
    acceptInvite: (j) => orgs.acceptInvite(j, { token: 'tok' }),
    addMember: (j) => orgs.addMember(j, { ...org, userId: id }),
    assignRole: (j) => orgs.assignRole(j, { ...org, userId: id, roleName: 'member' }),
    checkPermission: (j) => orgs.checkPermission(j, { ...org, permission: 'members:read' }),
    createInvite: (j) => orgs.createInvite(j, { ...org, email: 'a@example.com' }),
    createInvites: (j) => orgs.createInvites(j, { ...org, emails: ['a@example.com'] }),
    createOrganization: (j) => orgs.createOrganization(j, { name: 'Acme', slug: 'acme' }),
    createRole: (j) => orgs.createRole(j, { ...org, name: 'editor', permissions: ['a:b'] }),
    deleteOrganization: (j) => orgs.deleteOrganization(j, org),
    deleteRole: (j) => orgs.deleteRole(j, { ...org, roleId: id }),
    getInvite: (j) => orgs.getInvite(j, { invitationId: id }),
    getOrganization: (j) => orgs.getOrganization(j, org),
    getOrganizationBySlug: (j) => orgs.getOrganizationBySlug(j, { slug: 'acme' }),
    getOrganizationSettings: (j) => orgs.getOrganizationSettings(j, org),
    iterateInvites: (j) => orgs.iterateInvites(j),
    iterateOrganizations: (j) => orgs.iterateOrganizations(j),
    iterateRoles: (j) => orgs.iterateRoles(j, org),
    listInvites: (j) => orgs.listInvites(j),
    listMembers: (j) => orgs.listMembers(j, org),
    listOrganizations: (j) => orgs.listOrganizations(j),
    listRoles: (j) => orgs.listRoles(j, org),
    removeMember: (j) => orgs.removeMember(j, { ...org, userId: id }),
    resendInvite: (j) => orgs.resendInvite(j, { invitationId: id }),
    revokeInvite: (j) => orgs.revokeInvite(j, { invitationId: id }),
    updateMemberRole: (j) => orgs.updateMemberRole(j, { ...org, userId: id, role: 'admin' }),
    updateOrganization: (j) => orgs.updateOrganization(j, { ...org, name: 'Acme 2' }),
    updateOrganizationSettings: (j) => orgs.updateOrganizationSettings(j, { ...org, settings: { a: 1 } }),
    updateRole: (j) => orgs.updateRole(j, { ...org, roleId: id, name: 'editor' }),
    validateInvite: (j) => orgs.validateInvite(j, { token: 'tok' }),
  },
});

// With a password: the new-account branch, which signs in at the end and must store nothing.
describeBad2xx({
  server: () => server,
  module: { acceptInvite: orgs.acceptInvite },
  table: { acceptInvite: (j) => orgs.acceptInvite(j, { token: 'tok', name: 'New', password: PASSWORD }) },
  signIn: ['acceptInvite'],
});
