import { type DevServer, startDevServer } from '@janua/dev-server';
import { afterAll, beforeAll } from 'vitest';
import { describeBad2xx, is, shape } from '../../../test-support/bad-2xx';
import * as orgs from '../src/index';
import { PASSWORD } from './helpers';

let server: DevServer;
beforeAll(async () => {
  server = await startDevServer({ scryptN: 1024 });
});
afterAll(() => server.close());

const id = '11111111-2222-4333-8444-555555555555';
const org = { organizationId: id };

const ORGANIZATION_FIELDS = { id: is.string, name: is.string, slug: is.string, createdAt: is.date };
const ORGANIZATION = shape(ORGANIZATION_FIELDS);
const MEMBER = shape({
  id: is.string,
  userId: is.string,
  organizationId: is.string,
  role: is.string,
  joinedAt: is.date,
});
const INVITATION = shape({
  id: is.string,
  organizationId: is.string,
  email: is.string,
  role: is.string,
  status: is.string,
  expiresAt: is.date,
  inviteUrl: is.string,
});
const ROLE = shape({
  id: is.string,
  organizationId: is.string,
  name: is.string,
  permissions: is.arrayOf(is.string),
  isSystem: is.boolean,
  createdAt: is.date,
});
const SETTINGS = shape({ id: is.string, organizationId: is.string, settings: is.object, createdAt: is.date });
const ACCEPTED = shape({ userId: is.string, organizationId: is.string, isNewUser: is.boolean, signedIn: is.boolean });

describeBad2xx({
  server: () => server,
  module: orgs,
  table: {
    // Signed in, no password: the existing-user branch (GET /auth/me, then accept).
    acceptInvite: { call: (j) => orgs.acceptInvite(j, { token: 'tok' }), resolves: ACCEPTED },
    addMember: { call: (j) => orgs.addMember(j, { ...org, userId: id }), resolves: MEMBER },
    assignRole: {
      call: (j) => orgs.assignRole(j, { ...org, userId: id, roleName: 'member' }),
      resolves: shape({ userId: is.string, organizationId: is.string, role: is.string }),
    },
    checkPermission: {
      call: (j) => orgs.checkPermission(j, { ...org, permission: 'members:read' }),
      resolves: is.boolean,
    },
    cleanupExpiredInvites: {
      call: (j) => orgs.cleanupExpiredInvites(j, org),
      resolves: shape({ message: is.string, count: is.number }),
    },
    createInvite: { call: (j) => orgs.createInvite(j, { ...org, email: 'a@example.com' }), resolves: INVITATION },
    createInvites: {
      call: (j) => orgs.createInvites(j, { ...org, emails: ['a@example.com'] }),
      resolves: shape({
        successful: is.arrayOf(is.object),
        failed: is.arrayOf(is.object),
        totalSent: is.number,
        totalFailed: is.number,
      }),
    },
    createOrganization: {
      call: (j) => orgs.createOrganization(j, { name: 'Acme', slug: 'acme' }),
      resolves: ORGANIZATION,
    },
    createRole: {
      call: (j) => orgs.createRole(j, { ...org, name: 'editor', permissions: ['a:b'] }),
      resolves: ROLE,
    },
    deleteOrganization: { call: (j) => orgs.deleteOrganization(j, org), resolves: 'void' },
    deleteRole: { call: (j) => orgs.deleteRole(j, { ...org, roleId: id }), resolves: 'void' },
    getInvite: { call: (j) => orgs.getInvite(j, { invitationId: id }), resolves: INVITATION },
    getOrganization: {
      call: (j) => orgs.getOrganization(j, org),
      resolves: shape({ ...ORGANIZATION_FIELDS, owner: shape({ id: is.string, email: is.string }) }),
    },
    getOrganizationBySlug: { call: (j) => orgs.getOrganizationBySlug(j, { slug: 'acme' }), resolves: ORGANIZATION },
    getOrganizationSettings: { call: (j) => orgs.getOrganizationSettings(j, org), resolves: SETTINGS },
    iterateInvites: { call: (j) => orgs.iterateInvites(j), resolves: 'list' },
    iterateOrganizations: { call: (j) => orgs.iterateOrganizations(j), resolves: 'list' },
    iterateRoles: { call: (j) => orgs.iterateRoles(j, org), resolves: 'list' },
    listInvites: { call: (j) => orgs.listInvites(j), resolves: 'list' },
    listMembers: { call: (j) => orgs.listMembers(j, org), resolves: 'list' },
    listOrganizations: { call: (j) => orgs.listOrganizations(j), resolves: 'list' },
    listRoles: { call: (j) => orgs.listRoles(j, org), resolves: 'list' },
    removeMember: { call: (j) => orgs.removeMember(j, { ...org, userId: id }), resolves: 'void' },
    resendInvite: { call: (j) => orgs.resendInvite(j, { invitationId: id }), resolves: INVITATION },
    revokeInvite: { call: (j) => orgs.revokeInvite(j, { invitationId: id }), resolves: 'void' },
    updateInvite: {
      call: (j) =>
        orgs.updateInvite(j, { invitationId: id, role: 'admin', expiresAt: new Date(Date.now() + 86_400_000) }),
      resolves: INVITATION,
    },
    updateMemberRole: {
      call: (j) => orgs.updateMemberRole(j, { ...org, userId: id, role: 'admin' }),
      resolves: MEMBER,
    },
    updateOrganization: { call: (j) => orgs.updateOrganization(j, { ...org, name: 'Acme 2' }), resolves: ORGANIZATION },
    updateOrganizationSettings: {
      call: (j) => orgs.updateOrganizationSettings(j, { ...org, settings: { a: 1 } }),
      resolves: SETTINGS,
    },
    updateRole: { call: (j) => orgs.updateRole(j, { ...org, roleId: id, name: 'editor' }), resolves: ROLE },
    validateInvite: {
      call: (j) => orgs.validateInvite(j, { token: 'tok' }),
      resolves: is.oneOf(
        shape({
          valid: is.exactly(true),
          email: is.string,
          organizationId: is.string,
          organizationName: is.string,
          expiresAt: is.date,
        }),
        shape({ valid: is.exactly(false), reason: is.string, email: is.string, organizationId: is.string }),
      ),
    },
  },
});

// With a password: the new-account branch, which signs in at the end and must store nothing.
describeBad2xx({
  server: () => server,
  module: { acceptInvite: orgs.acceptInvite },
  table: {
    acceptInvite: {
      call: (j) => orgs.acceptInvite(j, { token: 'tok', name: 'New', password: PASSWORD }),
      resolves: ACCEPTED,
    },
  },
  signIn: ['acceptInvite'],
});
