import { getCurrentUser } from '@janua/auth';
import { AuthorizationError, createJanua, getTokens, NotFoundError, ValidationError } from '@janua/core';
import { type DevServer, startDevServer } from '@janua/dev-server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  acceptInvite,
  createInvite,
  createOrganization,
  getInvite,
  getOrganization,
  getOrganizationBySlug,
  getOrganizationSettings,
  listInvites,
  listMembers,
  listOrganizations,
  listRoles,
  OrganizationRole,
  removeMember,
  updateMemberRole,
  updateOrganization,
  validateInvite,
} from '../src/index';
import { invitationToken, newUser, rejectionOf, uniqueEmail, uniqueSlug } from './helpers';

let server: DevServer;
beforeAll(async () => {
  server = await startDevServer();
});
afterAll(() => server.close());

describe('two tenants, end to end over HTTP', () => {
  test('owner invites an admin by email, the admin invites a member; roles hold; tenants stay apart', async () => {
    // Two users, two organizations.
    const alice = await newUser(server, 'alice');
    const bob = await newUser(server, 'bob');
    const orgA = await createOrganization(alice.janua, { name: 'Acme', slug: uniqueSlug('acme') });
    const orgB = await createOrganization(bob.janua, { name: 'Globex', slug: uniqueSlug('globex') });
    expect(orgA.memberCount).toBe(1);

    // Alice (owner) invites Dan, who has no account yet, as admin. Dan reads the token from his mail.
    const danEmail = uniqueEmail('dan');
    const invite = await createInvite(alice.janua, {
      organizationId: orgA.id,
      email: danEmail,
      role: OrganizationRole.Admin,
      message: 'Welcome aboard',
    });
    expect(invite).toMatchObject({ email: danEmail, role: 'admin', status: 'pending', emailSent: true });
    const [mail] = server.outbox({ to: danEmail, template: 'invitation' });
    expect(mail?.link).toBe(`${server.url}/invitations/accept?token=${mail?.token}`);
    expect(invite.inviteUrl).toBe(mail?.link);
    const danToken = invitationToken(server, danEmail);
    expect(await validateInvite(createJanua({ baseUrl: server.url, env: {} }), { token: danToken })).toMatchObject({
      valid: true,
      email: danEmail,
      organizationName: 'Acme',
      role: 'admin',
    });

    // Dan accepts as a new user: the SDK creates the account and signs him in (3 requests).
    const dan = createJanua({ baseUrl: server.url, env: {} });
    const before = server.requests().length;
    const accepted = await acceptInvite(dan, { token: danToken, name: 'Dan', password: 'Dan-Password-1!' });
    expect(server.requests().length - before).toBe(3);
    expect(accepted).toMatchObject({ organizationId: orgA.id, isNewUser: true, signedIn: true });
    expect(await getTokens(dan)).not.toBeNull();
    expect((await getCurrentUser(dan)).email).toBe(danEmail);
    expect((await getOrganization(dan, { organizationId: orgA.id })).name).toBe('Acme');

    // Dan (admin) invites Carol, an existing user; she accepts signed in and gets the member role.
    const carol = await newUser(server, 'carol');
    await createInvite(dan, { organizationId: orgA.id, email: carol.email, role: 'member' });
    const carolAccept = await acceptInvite(carol.janua, { token: invitationToken(server, carol.email) });
    expect(carolAccept).toMatchObject({ userId: carol.id, organizationId: orgA.id, isNewUser: false });
    const members = await listMembers(alice.janua, { organizationId: orgA.id });
    expect(Object.fromEntries(members.data.map((m) => [m.userId, m.role]))).toEqual({
      [alice.id]: 'owner',
      [accepted.userId]: 'admin',
      [carol.id]: 'member',
    });
    expect(members.hasMore).toBe(false);

    // A member cannot promote himself.
    const selfPromotion = await rejectionOf(
      updateMemberRole(carol.janua, { organizationId: orgA.id, userId: carol.id, role: 'admin' }),
    );
    expect(selfPromotion).toBeInstanceOf(AuthorizationError);
    expect(selfPromotion).toMatchObject({
      status: 403,
      code: 'HTTP_ERROR',
      message: 'Permission denied: users:update',
    });
    // An admin cannot assign above his own role, nor touch the owner.
    const aboveOwn = await rejectionOf(
      updateMemberRole(dan, { organizationId: orgA.id, userId: carol.id, role: 'owner' }),
    );
    expect(aboveOwn).toBeInstanceOf(AuthorizationError);
    expect(aboveOwn.message).toBe('Cannot assign role higher than your own');
    const demoteOwner = await rejectionOf(
      updateMemberRole(dan, { organizationId: orgA.id, userId: alice.id, role: 'member' }),
    );
    expect(demoteOwner).toBeInstanceOf(AuthorizationError);
    expect(await rejectionOf(removeMember(dan, { organizationId: orgA.id, userId: alice.id }))).toBeInstanceOf(
      AuthorizationError,
    );
    // The last owner cannot be demoted, even by herself.
    const lastOwner = await rejectionOf(
      updateMemberRole(alice.janua, { organizationId: orgA.id, userId: alice.id, role: 'admin' }),
    );
    expect(lastOwner).toBeInstanceOf(ValidationError);
    expect(lastOwner).toMatchObject({ status: 400, message: 'Cannot demote the last owner' });
    // Within his rank the admin may manage: Carol becomes a viewer.
    expect((await updateMemberRole(dan, { organizationId: orgA.id, userId: carol.id, role: 'viewer' })).role).toBe(
      'viewer',
    );

    // Tenant isolation: members of A read nothing of B.
    for (const outsider of [alice.janua, carol.janua, dan]) {
      const read = await rejectionOf(getOrganization(outsider, { organizationId: orgB.id }));
      expect(read).toBeInstanceOf(AuthorizationError);
      expect(read).toMatchObject({ status: 403, message: 'Not a member of this organization' });
      expect(await rejectionOf(listMembers(outsider, { organizationId: orgB.id }))).toBeInstanceOf(AuthorizationError);
      expect(await rejectionOf(getOrganizationSettings(outsider, { organizationId: orgB.id }))).toBeInstanceOf(
        AuthorizationError,
      );
      expect(await rejectionOf(listInvites(outsider, { organizationId: orgB.id }))).toBeInstanceOf(AuthorizationError);
      expect(await rejectionOf(listRoles(outsider, { organizationId: orgB.id }))).toBeInstanceOf(AuthorizationError);
      expect(
        await rejectionOf(updateOrganization(outsider, { organizationId: orgB.id, name: 'Hijacked' })),
      ).toBeInstanceOf(AuthorizationError);
      expect((await listOrganizations(outsider)).data.map((o) => o.id)).not.toContain(orgB.id);
    }
    const bInvite = await createInvite(bob.janua, { organizationId: orgB.id, email: uniqueEmail('erin') });
    const hidden = await rejectionOf(getInvite(alice.janua, { invitationId: bInvite.id }));
    expect(hidden).toBeInstanceOf(NotFoundError);
    expect(hidden.message).toBe('Invitation not found');
    const foreignInvite = await rejectionOf(
      createInvite(alice.janua, { organizationId: orgB.id, email: uniqueEmail('mallory') }),
    );
    expect(foreignInvite).toBeInstanceOf(ValidationError);
    expect(foreignInvite.message).toBe('Organization not found');
    // The slug route answers anyone, but only with the public view.
    const publicView = await getOrganizationBySlug(alice.janua, { slug: orgB.slug });
    expect(publicView).toMatchObject({ id: orgB.id, billingEmail: null, memberCount: null, settings: {} });
    // Unknown organizations are a 404, not a 403.
    const missing = await rejectionOf(
      getOrganization(alice.janua, { organizationId: '00000000-0000-4000-8000-000000000000' }),
    );
    expect(missing).toBeInstanceOf(NotFoundError);
    // Nothing of B leaked into A's invitation list either.
    const aInvites = await listInvites(alice.janua);
    expect(aInvites.data.every((i) => i.organizationId === orgA.id)).toBe(true);
    expect(aInvites.acceptedCount).toBe(2);
  });
});
