import { AuthorizationError, createJanua, NotFoundError, ValidationError } from '@janua/core';
import { type DevServer, startDevServer } from '@janua/dev-server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  acceptInvite,
  addMember,
  cleanupExpiredInvites,
  createInvite,
  createOrganization,
  getInvite,
  listInvites,
  listMembers,
  updateInvite,
} from '../src/index';
import { invitationToken, newUser, PASSWORD, rejectionOf, uniqueEmail, uniqueSlug } from './helpers';

let server: DevServer;
beforeAll(async () => {
  server = await startDevServer();
});
afterAll(() => server.close());

const DAY = 86_400_000;
const anonymous = () => createJanua({ baseUrl: server.url, env: {} });

async function orgOf(owner?: Awaited<ReturnType<typeof newUser>>) {
  const o = owner ?? (await newUser(server, 'owner'));
  const org = await createOrganization(o.janua, { name: 'Acme', slug: uniqueSlug() });
  return { owner: o, org };
}

/** The status the server has stored (the API reports a past-due pending invitation as expired either way). */
const storedStatus = (id: string) =>
  (server.dev.db.prepare('SELECT status FROM invitations WHERE id = ?').get(id) as { status: string }).status;

describe('updateInvite', () => {
  test('changes role, message and expiry; whoever accepts later gets the new role', async () => {
    const { owner, org } = await orgOf();
    const email = uniqueEmail('grace');
    const invite = await createInvite(owner.janua, { organizationId: org.id, email, message: 'Hi' });
    const expiresAt = new Date(Date.now() + 14 * DAY);

    const updated = await updateInvite(owner.janua, {
      invitationId: invite.id,
      role: 'admin',
      message: 'Welcome aboard',
      expiresAt,
    });
    expect(updated).toMatchObject({ id: invite.id, role: 'admin', message: 'Welcome aboard', status: 'pending' });
    expect(updated.expiresAt.getTime()).toBe(expiresAt.getTime());
    expect(server.requests('PATCH', `/api/v1/invitations/${invite.id}`).at(-1)?.status).toBe(200);
    // Absent fields stay as they are.
    const messageOnly = await updateInvite(owner.janua, { invitationId: invite.id, message: 'See you Monday' });
    expect(messageOnly).toMatchObject({ role: 'admin', message: 'See you Monday' });
    expect(messageOnly.expiresAt.getTime()).toBe(expiresAt.getTime());
    expect(await getInvite(owner.janua, { invitationId: invite.id })).toMatchObject({ role: 'admin' });

    // The mailed link is unchanged and now grants `admin`.
    const accepted = await acceptInvite(anonymous(), { token: invitationToken(server, email), password: PASSWORD });
    const members = await listMembers(owner.janua, { organizationId: org.id });
    expect(members.data.find((m) => m.userId === accepted.userId)?.role).toBe('admin');

    const late = await rejectionOf(updateInvite(owner.janua, { invitationId: invite.id, role: 'viewer' }));
    expect(late).toBeInstanceOf(ValidationError);
    expect(late).toMatchObject({ status: 400, message: 'Cannot update invitation with status: accepted' });
  });

  test('the server bounds the expiry on its own clock', async () => {
    const { owner, org } = await orgOf();
    const invite = await createInvite(owner.janua, { organizationId: org.id, email: uniqueEmail() });
    const past = await rejectionOf(
      updateInvite(owner.janua, { invitationId: invite.id, expiresAt: new Date(Date.now() - 1000) }),
    );
    expect(past).toMatchObject({ name: 'ValidationError', status: 400, message: 'expires_at must be in the future' });
    const far = await rejectionOf(
      updateInvite(owner.janua, { invitationId: invite.id, expiresAt: new Date(Date.now() + 31 * DAY) }),
    );
    expect(far).toMatchObject({ name: 'ValidationError', status: 400, message: 'expires_at must be within 30 days' });
  });

  test('admins only, never above their own role; other organizations see nothing', async () => {
    const { owner, org } = await orgOf();
    const invite = await createInvite(owner.janua, { organizationId: org.id, email: uniqueEmail() });
    const admin = await newUser(server, 'admin');
    await addMember(owner.janua, { organizationId: org.id, userId: admin.id, role: 'admin' });
    const member = await newUser(server, 'member');
    await addMember(owner.janua, { organizationId: org.id, userId: member.id });
    const stranger = await newUser(server, 'stranger');

    expect((await updateInvite(admin.janua, { invitationId: invite.id, role: 'viewer' })).role).toBe('viewer');
    const higher = await rejectionOf(updateInvite(admin.janua, { invitationId: invite.id, role: 'owner' }));
    expect(higher).toBeInstanceOf(AuthorizationError);
    expect(higher.message).toBe('Cannot assign role higher than your own');
    const notAdmin = await rejectionOf(updateInvite(member.janua, { invitationId: invite.id, role: 'member' }));
    expect(notAdmin).toBeInstanceOf(AuthorizationError);
    expect(notAdmin.message).toBe('Organization admin privileges required');
    const hidden = await rejectionOf(updateInvite(stranger.janua, { invitationId: invite.id, role: 'member' }));
    expect(hidden).toBeInstanceOf(NotFoundError);
    expect((await getInvite(owner.janua, { invitationId: invite.id })).role).toBe('viewer');
  });

  test('bad input fails locally, naming the field, without a request', async () => {
    const { owner, org } = await orgOf();
    const invite = await createInvite(owner.janua, { organizationId: org.id, email: uniqueEmail() });
    const before = server.requests().length;
    const cases: [Parameters<typeof updateInvite>[1], string][] = [
      [{ invitationId: 'abc' }, 'invitationId'],
      [{ invitationId: invite.id, role: 'guest' as never }, 'role'],
      [{ invitationId: invite.id, message: 'x'.repeat(501) }, 'message'],
      [{ invitationId: invite.id, expiresAt: new Date('soon') }, 'expiresAt'],
      [{ invitationId: invite.id, expiresAt: '2030-01-01' as never }, 'expiresAt'],
    ];
    for (const [params, field] of cases) {
      const err = await rejectionOf(updateInvite(owner.janua, params));
      expect(err).toBeInstanceOf(ValidationError);
      expect(err.fieldErrors.map((f: { field: string }) => f.field)).toEqual([field]);
    }
    expect(server.requests().length).toBe(before);
  });
});

describe('cleanupExpiredInvites', () => {
  test('after the dev clock passes the expiry: marks exactly the caller’s past-due pending invitations', async () => {
    const { owner, org: a } = await orgOf();
    const { org: b } = await orgOf(owner);
    const { owner: other, org: c } = await orgOf();
    const a1 = await createInvite(owner.janua, { organizationId: a.id, email: uniqueEmail(), expiresInDays: 1 });
    const a7 = await createInvite(owner.janua, { organizationId: a.id, email: uniqueEmail(), expiresInDays: 7 });
    const b1 = await createInvite(owner.janua, { organizationId: b.id, email: uniqueEmail(), expiresInDays: 1 });
    const c1 = await createInvite(other.janua, { organizationId: c.id, email: uniqueEmail(), expiresInDays: 1 });

    expect(await cleanupExpiredInvites(owner.janua, { organizationId: a.id })).toEqual({
      message: 'Cleaned up 0 expired invitation(s)',
      count: 0,
    });
    server.advanceClock(2 * DAY);
    try {
      // Already reported as expired; only the stored status lags.
      expect((await getInvite(owner.janua, { invitationId: a1.id })).status).toBe('expired');
      expect(storedStatus(a1.id)).toBe('pending');

      expect((await cleanupExpiredInvites(owner.janua, { organizationId: a.id })).count).toBe(1);
      expect([storedStatus(a1.id), storedStatus(a7.id), storedStatus(b1.id)]).toEqual([
        'expired',
        'pending',
        'pending',
      ]);
      expect(server.requests('POST', '/api/v1/invitations/cleanup').at(-1)?.status).toBe(200);
      // No organization named: every organization the caller administers (b here), not others' (c).
      expect((await cleanupExpiredInvites(owner.janua)).count).toBe(1);
      expect([storedStatus(b1.id), storedStatus(c1.id)]).toEqual(['expired', 'pending']);
      expect((await cleanupExpiredInvites(owner.janua)).count).toBe(0);
      expect((await cleanupExpiredInvites(other.janua)).count).toBe(1);
      expect(storedStatus(c1.id)).toBe('expired');

      const page = await listInvites(owner.janua, { organizationId: a.id });
      expect(page.expiredCount).toBe(1);
      expect(page.pendingCount).toBe(1);
    } finally {
      server.advanceClock(-2 * DAY);
    }
  });

  test('needs admin rights where it cleans; bad ids fail locally', async () => {
    const { owner, org } = await orgOf();
    const member = await newUser(server, 'member');
    await addMember(owner.janua, { organizationId: org.id, userId: member.id });
    const nobody = await newUser(server, 'nobody');

    const denied = await rejectionOf(cleanupExpiredInvites(member.janua, { organizationId: org.id }));
    expect(denied).toBeInstanceOf(AuthorizationError);
    expect(denied.message).toBe('Organization admin privileges required');
    // Administers nothing at all.
    expect(await rejectionOf(cleanupExpiredInvites(member.janua))).toBeInstanceOf(AuthorizationError);
    const outsider = await rejectionOf(cleanupExpiredInvites(nobody.janua, { organizationId: org.id }));
    expect(outsider).toMatchObject({ name: 'ValidationError', status: 400, message: 'Organization not found' });

    const before = server.requests().length;
    const bad = await rejectionOf(cleanupExpiredInvites(owner.janua, { organizationId: 'org-1' }));
    expect(bad).toBeInstanceOf(ValidationError);
    expect(bad.fieldErrors[0].field).toBe('organizationId');
    expect(server.requests().length).toBe(before);
  });
});
