import { signUp } from '@janua/auth';
import { createJanua } from '@janua/core';
import { type DevServer, startDevServer } from '@janua/dev-server';
import { afterAll, beforeAll } from 'vitest';
import { describeNullParams, OK } from '../../../test-support/null-params';
import * as orgs from '../src/index';
import { PASSWORD, uniqueEmail, uniqueSlug } from './helpers';

let server: DevServer;
beforeAll(async () => {
  server = await startDevServer({ scryptN: 1024 });
});
afterAll(() => server.close());

describeNullParams({
  module: orgs,
  table: {
    acceptInvite: 'token',
    addMember: 'organizationId',
    assignRole: 'organizationId',
    checkPermission: 'organizationId',
    cleanupExpiredInvites: OK,
    createInvite: 'organizationId',
    createInvites: 'organizationId',
    createOrganization: 'name',
    createRole: 'organizationId',
    deleteOrganization: 'organizationId',
    deleteRole: 'organizationId',
    getInvite: 'invitationId',
    getOrganization: 'organizationId',
    getOrganizationBySlug: 'slug',
    getOrganizationSettings: 'organizationId',
    iterateInvites: OK,
    iterateOrganizations: OK,
    iterateRoles: 'organizationId',
    listInvites: OK,
    listMembers: 'organizationId',
    listOrganizations: OK,
    listRoles: 'organizationId',
    removeMember: 'organizationId',
    resendInvite: 'invitationId',
    revokeInvite: 'invitationId',
    updateInvite: 'invitationId',
    updateMemberRole: 'organizationId',
    updateOrganization: 'organizationId',
    updateOrganizationSettings: 'organizationId',
    updateRole: 'organizationId',
    validateInvite: 'token',
  },
  janua: async (name, options) => {
    const janua = createJanua({ baseUrl: server.url, env: {}, ...options });
    await signUp(janua, { email: uniqueEmail(), password: PASSWORD });
    // Without params it cleans every organization the caller administers: needs at least one.
    if (name === 'cleanupExpiredInvites') await orgs.createOrganization(janua, { name: 'Acme', slug: uniqueSlug() });
    return janua;
  },
});
