import { AuthorizationError, createJanua, NotFoundError, ValidationError } from '@janua/core';
import { type DevServer, startDevServer } from '@janua/dev-server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  acceptInvite,
  addMember,
  createInvite,
  createInvites,
  createOrganization,
  getInvite,
  iterateInvites,
  listInvites,
  listMembers,
  resendInvite,
  revokeInvite,
  validateInvite,
} from '../src/index';
import { invitationToken, newUser, PASSWORD, rejectionOf, uniqueEmail, uniqueSlug } from './helpers';

let server: DevServer;
beforeAll(async () => {
  server = await startDevServer();
});
afterAll(() => server.close());

const anonymous = () => createJanua({ baseUrl: server.url, env: {} });
const HOUR = 3_600_000;

async function orgOf() {
  const owner = await newUser(server, 'owner');
  const org = await createOrganization(owner.janua, { name: 'Acme', slug: uniqueSlug() });
  return { owner, org };
}

describe('invitations', () => {
  test('create answers 201, mails the token, and refuses duplicates and members', async () => {
    const { owner, org } = await orgOf();
    const email = uniqueEmail('grace');
    const invite = await createInvite(owner.janua, { organizationId: org.id, email, expiresInDays: 3 });
    expect(invite).toMatchObject({
      organizationId: org.id,
      email,
      role: 'member',
      invitedBy: owner.id,
      emailSent: true,
    });
    expect(invite.expiresAt.getTime() - invite.createdAt.getTime()).toBe(3 * 24 * HOUR);
    expect(server.requests('POST', '/api/v1/invitations/').at(-1)?.status).toBe(201);
    const [mail] = server.outbox({ to: email });
    expect(mail).toMatchObject({ channel: 'email', template: 'invitation' });
    expect(invite.inviteUrl).toBe(`${server.url}/invitations/accept?token=${mail?.token}`);

    const dup = await rejectionOf(createInvite(owner.janua, { organizationId: org.id, email }));
    expect(dup).toBeInstanceOf(ValidationError);
    expect(dup.message).toBe('An active invitation already exists for this email');
    const member = await newUser(server, 'member');
    await addMember(owner.janua, { organizationId: org.id, userId: member.id });
    const already = await rejectionOf(createInvite(owner.janua, { organizationId: org.id, email: member.email }));
    expect(already.message).toBe('User is already a member of this organization');
    // Members are not admins.
    const denied = await rejectionOf(createInvite(member.janua, { organizationId: org.id, email: uniqueEmail() }));
    expect(denied).toBeInstanceOf(AuthorizationError);
    expect(denied.message).toBe('Organization admin privileges required');
    // Local checks: no request.
    const before = server.requests().length;
    expect(await rejectionOf(createInvite(owner.janua, { organizationId: org.id, email: 'nope' }))).toBeInstanceOf(
      ValidationError,
    );
    expect(
      await rejectionOf(createInvite(owner.janua, { organizationId: org.id, email: uniqueEmail(), expiresInDays: 31 })),
    ).toBeInstanceOf(ValidationError);
    expect(await rejectionOf(getInvite(owner.janua, { invitationId: 'abc' }))).toBeInstanceOf(ValidationError);
    // A token of ".." would resolve to the invitations list: refused locally, naming the field.
    expect(await rejectionOf(validateInvite(owner.janua, { token: '..' }))).toMatchObject({
      name: 'ValidationError',
      fieldErrors: [{ field: 'token' }],
    });
    expect(await rejectionOf(acceptInvite(anonymous(), { token: '.', password: 'Correct-Horse-9!' }))).toBeInstanceOf(
      ValidationError,
    );
    expect(server.requests().length).toBe(before);
  });

  test('an admin cannot invite an owner', async () => {
    const { owner, org } = await orgOf();
    const admin = await newUser(server, 'admin');
    await addMember(owner.janua, { organizationId: org.id, userId: admin.id, role: 'admin' });
    const err = await rejectionOf(
      createInvite(admin.janua, { organizationId: org.id, email: uniqueEmail(), role: 'owner' }),
    );
    expect(err).toBeInstanceOf(AuthorizationError);
    expect(err.message).toBe('Cannot assign role higher than your own');
  });

  test('bulk: per-address outcome, 201', async () => {
    const { owner, org } = await orgOf();
    const member = await newUser(server, 'member');
    await addMember(owner.janua, { organizationId: org.id, userId: member.id });
    const fresh = [uniqueEmail('a'), uniqueEmail('b')];
    const result = await createInvites(owner.janua, {
      organizationId: org.id,
      emails: [...fresh, member.email, fresh[0] as string],
      role: 'viewer',
      message: 'Join us',
    });
    expect(server.requests('POST', '/api/v1/invitations/bulk').at(-1)?.status).toBe(201);
    expect(result.totalSent).toBe(2);
    expect(result.successful.map((i) => [i.email, i.role, i.message])).toEqual([
      [fresh[0], 'viewer', 'Join us'],
      [fresh[1], 'viewer', 'Join us'],
    ]);
    expect(result.failed).toEqual([
      { email: member.email, error: 'User is already a member of this organization' },
      { email: fresh[0], error: 'An active invitation already exists for this email' },
    ]);
    expect(result.totalFailed).toBe(2);
    for (const email of fresh) expect(server.outbox({ to: email, template: 'invitation' })).toHaveLength(1);
    expect(await rejectionOf(createInvites(owner.janua, { organizationId: org.id, emails: [] }))).toBeInstanceOf(
      ValidationError,
    );
  });

  test('list: counts, filters, paging, iterator; only admins see the token', async () => {
    const { owner, org } = await orgOf();
    const viewer = await newUser(server, 'viewer');
    await addMember(owner.janua, { organizationId: org.id, userId: viewer.id, role: 'viewer' });
    const emails = Array.from({ length: 5 }, (_, i) => uniqueEmail(`p${i}`));
    await createInvites(owner.janua, { organizationId: org.id, emails });
    const revoked = await createInvite(owner.janua, { organizationId: org.id, email: uniqueEmail('r') });
    await revokeInvite(owner.janua, { invitationId: revoked.id });
    expect(server.requests('DELETE', `/api/v1/invitations/${revoked.id}`).at(-1)?.status).toBe(204);

    const page = await listInvites(owner.janua, { organizationId: org.id, status: 'pending', limit: 2 });
    expect(page).toMatchObject({ total: 5, hasMore: true, pendingCount: 5, acceptedCount: 0, expiredCount: 0 });
    expect(page.data).toHaveLength(2);
    const all: string[] = [];
    for await (const inv of iterateInvites(owner.janua, { organizationId: org.id, status: 'pending', limit: 2 })) {
      all.push(inv.email);
    }
    expect(all.sort()).toEqual([...emails].sort());
    expect((await listInvites(owner.janua, { organizationId: org.id, status: 'revoked' })).data[0]?.id).toBe(
      revoked.id,
    );
    const byEmail = await listInvites(owner.janua, { organizationId: org.id, email: emails[2] as string });
    expect(byEmail.data.map((i) => i.email)).toEqual([emails[2]]);

    const asViewer = await listInvites(viewer.janua, { organizationId: org.id, status: 'pending' });
    expect(asViewer.total).toBe(5);
    expect(asViewer.data).toHaveLength(5);
    expect(page.data).toHaveLength(2);
    for (const inv of asViewer.data) expect(inv.inviteUrl).toBe(`${server.url}/invitations/accept`);
    for (const inv of page.data) expect(inv.inviteUrl).toMatch(/\?token=[\w-]{43}$/);
  });

  test('resend and revoke; the invitee may read their own invitation', async () => {
    const { owner, org } = await orgOf();
    const invitee = await newUser(server, 'invitee');
    const invite = await createInvite(owner.janua, { organizationId: org.id, email: invitee.email, expiresInDays: 1 });
    expect((await getInvite(invitee.janua, { invitationId: invite.id })).inviteUrl).toBe(invite.inviteUrl);
    server.advanceClock(2 * HOUR);
    try {
      const resent = await resendInvite(owner.janua, { invitationId: invite.id });
      const shift = resent.expiresAt.getTime() - invite.expiresAt.getTime();
      expect(shift).toBeGreaterThanOrEqual(2 * HOUR);
      expect(shift).toBeLessThan(2 * HOUR + 10_000);
      expect(server.outbox({ to: invitee.email, template: 'invitation' })).toHaveLength(2);
    } finally {
      server.advanceClock(-2 * HOUR);
    }
    await revokeInvite(owner.janua, { invitationId: invite.id });
    expect((await getInvite(owner.janua, { invitationId: invite.id })).status).toBe('revoked');
    const again = await rejectionOf(revokeInvite(owner.janua, { invitationId: invite.id }));
    expect(again).toBeInstanceOf(ValidationError);
    expect(again.message).toBe('Cannot revoke invitation with status: revoked');
    expect((await rejectionOf(resendInvite(owner.janua, { invitationId: invite.id }))).message).toBe(
      'Cannot resend invitation with status: revoked',
    );
    expect(await validateInvite(anonymous(), { token: invitationToken(server, invitee.email) })).toEqual({
      valid: false,
      reason: 'Invitation is revoked',
      email: invite.email,
      organizationId: org.id,
    });
    const accept = await rejectionOf(acceptInvite(invitee.janua, { token: invitationToken(server, invitee.email) }));
    expect(accept).toBeInstanceOf(ValidationError);
    expect(accept.message).toBe('Invitation is revoked');
    // Another organization's admin sees a 404, not the invitation.
    const stranger = await orgOf();
    expect(await rejectionOf(resendInvite(stranger.owner.janua, { invitationId: invite.id }))).toBeInstanceOf(
      NotFoundError,
    );
  });

  test('expiry on the dev clock: validate and accept refuse, the list counts it, resend revives it', async () => {
    const { owner, org } = await orgOf();
    const email = uniqueEmail('late');
    const invite = await createInvite(owner.janua, { organizationId: org.id, email, expiresInDays: 1 });
    const token = invitationToken(server, email);
    server.advanceClock(25 * HOUR);
    try {
      expect(await validateInvite(anonymous(), { token })).toMatchObject({
        valid: false,
        reason: 'Invitation has expired',
      });
      const err = await rejectionOf(acceptInvite(anonymous(), { token, password: 'Late-Comer-1!' }));
      expect(err).toBeInstanceOf(ValidationError);
      expect(err.message).toBe('Invitation has expired');
      const page = await listInvites(owner.janua, { organizationId: org.id });
      expect(page.expiredCount).toBe(1);
      expect((await resendInvite(owner.janua, { invitationId: invite.id })).status).toBe('pending');
      expect((await acceptInvite(anonymous(), { token, password: 'Late-Comer-1!' })).isNewUser).toBe(true);
    } finally {
      server.advanceClock(-25 * HOUR);
    }
  });

  test('accept errors: wrong account, no account, taken email, unknown token', async () => {
    const { owner, org } = await orgOf();
    const invitedEmail = uniqueEmail('invited');
    await createInvite(owner.janua, { organizationId: org.id, email: invitedEmail });
    const token = invitationToken(server, invitedEmail);
    const someoneElse = await newUser(server, 'else');
    const mismatch = await rejectionOf(acceptInvite(someoneElse.janua, { token }));
    expect(mismatch).toBeInstanceOf(ValidationError);
    expect(mismatch.message).toBe('Invitation email does not match user email');
    const before = server.requests().length;
    const signedOut = await rejectionOf(acceptInvite(anonymous(), { token }));
    expect(signedOut).toBeInstanceOf(ValidationError);
    expect(await rejectionOf(acceptInvite(anonymous(), { token, password: 'short' }))).toBeInstanceOf(ValidationError);
    expect(server.requests().length).toBe(before);
    const unknown = await rejectionOf(acceptInvite(anonymous(), { token: 'x'.repeat(43), password: PASSWORD }));
    expect(unknown).toBeInstanceOf(NotFoundError);
    expect(unknown.message).toBe('Invalid invitation token');
    expect(await rejectionOf(validateInvite(anonymous(), { token: 'y'.repeat(43) }))).toBeInstanceOf(NotFoundError);

    // The invitee already has an account: the new-account path refuses, the signed-in path works.
    const existing = await newUser(server, 'existing');
    await createInvite(owner.janua, { organizationId: org.id, email: existing.email, role: 'viewer' });
    const existingToken = invitationToken(server, existing.email);
    const taken = await rejectionOf(acceptInvite(anonymous(), { token: existingToken, password: PASSWORD }));
    expect(taken.message).toBe('Email already registered');
    const ok = await acceptInvite(existing.janua, { token: existingToken });
    expect(ok).toMatchObject({ userId: existing.id, isNewUser: false, signedIn: false });
    const roles = (await listMembers(owner.janua, { organizationId: org.id })).data.map((m) => [m.userId, m.role]);
    expect(roles).toContainEqual([existing.id, 'viewer']);
    const reuse = await rejectionOf(acceptInvite(existing.janua, { token: existingToken }));
    expect(reuse.message).toBe('Invitation is accepted');
  });
});
