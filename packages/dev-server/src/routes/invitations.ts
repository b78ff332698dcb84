import { randomBytes, randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import { iso } from '../clock';
import type { Dev, Env } from '../context';
import { HttpError } from '../errors';
import {
  accessTo,
  can,
  getMember,
  getOrg,
  NOT_A_MEMBER,
  type OrgAccess,
  type OrgRow,
  requireAssignable,
} from '../services/orgs';
import { sendMessage } from '../services/outbox';
import { hashPassword } from '../services/passwords';
import { type Principal, requirePrincipal, requireScope, requireUser } from '../services/principal';
import { getUserByEmail, getUserById, insertUser, type UserRow } from '../services/users';
import { sql } from '../store/db';
import { emailSchema, isoInstant, jsonBody, pathId, uuidRe, validate } from '../validate';

interface InvitationRow {
  id: string;
  organization_id: string;
  email: string;
  role: string;
  status: string;
  invited_by: string;
  message: string | null;
  token: string;
  email_sent: number;
  expires_at: number;
  accepted_at: number | null;
  accepted_by: string | null;
  created_at: number;
  updated_at: number;
}

const DAY_MS = 86_400_000;
const inviteRole = z.enum(['owner', 'admin', 'member', 'viewer']);
const createFields = {
  organization_id: z.string(),
  role: inviteRole.default('member'),
  message: z.string().max(500).nullish(),
  expires_in: z.number().int().min(1).max(30).default(7),
};
const createSchema = z.object({ ...createFields, email: emailSchema });
const bulkSchema = z.object({ ...createFields, emails: z.array(emailSchema).min(1).max(100) });
const acceptSchema = z.object({
  token: z.string().min(1),
  user_id: z.string().nullish(),
  name: z.string().max(200).nullish(),
  password: z.string().min(8).nullish(),
});
const updateSchema = z.object({
  role: inviteRole.nullish(),
  message: z.string().max(500).nullish(),
  expires_at: z.string().nullish(),
});
const listQuery = z.object({
  organization_id: z.string().optional(),
  status: z.enum(['pending', 'accepted', 'expired', 'revoked']).optional(),
  email: z.string().optional(),
  skip: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

const ADMIN_REQUIRED = 'Organization admin privileges required';

/** Pending invitations past their expiry read as `expired`. */
function effectiveStatus(dev: Dev, inv: InvitationRow): string {
  return inv.status === 'pending' && inv.expires_at <= dev.clock.now() ? 'expired' : inv.status;
}

const inviteUrl = (dev: Dev, token: string | null) =>
  `${dev.config.frontendUrl}/invitations/accept${token ? `?token=${token}` : ''}`;

/**
 * `Invitation` (§4.0). The token in `invite_url` lets anyone create the invitee's account, so it
 * is shown only to those who administer the organization and to the invitee (designed here);
 * other members see the URL without it.
 */
function toInvitation(dev: Dev, inv: InvitationRow, withToken: boolean) {
  return {
    id: inv.id,
    organization_id: inv.organization_id,
    email: inv.email,
    role: inv.role,
    status: effectiveStatus(dev, inv),
    invited_by: inv.invited_by,
    message: inv.message,
    expires_at: iso(inv.expires_at),
    created_at: iso(inv.created_at),
    invite_url: inviteUrl(dev, withToken ? inv.token : null),
    email_sent: inv.email_sent === 1,
  };
}

function isInviteAdmin(access: OrgAccess): boolean {
  if (!access.visible) return false;
  if (access.principal.kind === 'api_key') return can(access, 'users:invite');
  return access.superuser || access.level >= 2 || can(access, 'users:invite');
}

function requireInviteAdmin(access: OrgAccess): void {
  if (access.principal.kind === 'api_key') {
    requireScope(access.principal, 'users:invite');
    return;
  }
  if (!isInviteAdmin(access)) throw new HttpError(403, ADMIN_REQUIRED);
}

/** Create routes: an unknown organization, or one the caller is not in, is a 400 (§4.5). */
function adminOfOrg(dev: Dev, principal: Principal, orgId: string): OrgAccess {
  if (!uuidRe.test(orgId.toLowerCase())) throw new HttpError(400, 'Invalid organization ID');
  const org = getOrg(dev, orgId.toLowerCase());
  const access = org ? accessTo(dev, principal, org) : null;
  if (!access?.visible) throw new HttpError(400, 'Organization not found');
  requireInviteAdmin(access);
  return access;
}

function getInvitation(dev: Dev, id: string): InvitationRow | undefined {
  return sql(dev.db, 'SELECT * FROM invitations WHERE id = ?').get(id) as InvitationRow | undefined;
}

/** The invitation of `:id` as its organization's admin sees it; 404 for other organizations. */
async function adminInvitation(c: Context<Env>) {
  const dev = c.get('dev');
  const principal = await requirePrincipal(c);
  const inv = getInvitation(dev, pathId(c.req.param('id') ?? '', 'invitation'));
  const org = inv ? getOrg(dev, inv.organization_id) : undefined;
  const access = org ? accessTo(dev, principal, org) : null;
  if (!inv || !access?.visible) throw new HttpError(404, 'Invitation not found');
  requireInviteAdmin(access);
  return { dev, inv, access };
}

function deliver(dev: Dev, org: OrgRow, inv: { email: string; token: string }): void {
  sendMessage(dev, {
    channel: 'email',
    to: inv.email,
    template: 'invitation',
    subject: `You have been invited to join ${org.name} on Janua`,
    token: inv.token,
    link: inviteUrl(dev, inv.token),
  });
}

/** Creates one invitation or throws the single-create error message (also used per address by bulk). */
function createInvitation(
  dev: Dev,
  access: OrgAccess,
  input: { email: string; role: string; message?: string | null | undefined; expires_in: number },
): InvitationRow {
  requireAssignable(access, input.role);
  const existing = getUserByEmail(dev, input.email);
  if (existing && getMember(dev, access.org.id, existing.id)?.status === 'active') {
    throw new HttpError(400, 'User is already a member of this organization');
  }
  const now = dev.clock.now();
  const active = sql(
    dev.db,
    "SELECT 1 FROM invitations WHERE organization_id = ? AND email = ? AND status = 'pending' AND expires_at > ?",
  ).get(access.org.id, input.email, now);
  if (active) throw new HttpError(400, 'An active invitation already exists for this email');
  const id = randomUUID();
  const token = randomBytes(32).toString('base64url');
  sql(
    dev.db,
    `INSERT INTO invitations (id, organization_id, email, role, status, invited_by, message, token, email_sent, expires_at, created_at, updated_at)
     VALUES (?,?,?,?,'pending',?,?,?,1,?,?,?)`,
  ).run(
    id,
    access.org.id,
    input.email,
    input.role,
    access.actorId ?? (access.principal.kind === 'api_key' ? access.principal.key.id : ''),
    input.message ?? null,
    token,
    now + input.expires_in * DAY_MS,
    now,
    now,
  );
  deliver(dev, access.org, { email: input.email, token });
  return getInvitation(dev, id) as InvitationRow;
}

/** §4.5 invitations. Mounted at `/api/v1/invitations/`. */
export function invitationRoutes(): Hono<Env> {
  const app = new Hono<Env>();

  app.post('/', async (c) => {
    const dev = c.get('dev');
    const principal = await requirePrincipal(c);
    const body = await jsonBody(c, createSchema);
    const access = adminOfOrg(dev, principal, body.organization_id);
    return c.json(toInvitation(dev, createInvitation(dev, access, body), true), 201);
  });

  app.post('/bulk', async (c) => {
    const dev = c.get('dev');
    const principal = await requirePrincipal(c);
    const body = await jsonBody(c, bulkSchema);
    const access = adminOfOrg(dev, principal, body.organization_id);
    requireAssignable(access, body.role);
    const successful: ReturnType<typeof toInvitation>[] = [];
    const failed: { email: string; error: string }[] = [];
    for (const email of body.emails) {
      try {
        successful.push(toInvitation(dev, createInvitation(dev, access, { ...body, email }), true));
      } catch (err) {
        if (!(err instanceof HttpError)) throw err;
        failed.push({ email, error: err.message });
      }
    }
    return c.json({ successful, failed, total_sent: successful.length, total_failed: failed.length }, 201);
  });

  app.get('/', async (c) => {
    const dev = c.get('dev');
    const principal = await requirePrincipal(c);
    const q = validate(listQuery, c.req.query(), 'query');
    let orgs: OrgAccess[];
    if (q.organization_id) {
      const org = getOrg(dev, pathId(q.organization_id, 'organization'));
      if (!org) throw new HttpError(404, 'Organization not found');
      const access = accessTo(dev, principal, org);
      if (!access.visible) throw new HttpError(403, NOT_A_MEMBER);
      orgs = [access];
    } else {
      const rows =
        principal.kind === 'api_key'
          ? (sql(dev.db, 'SELECT * FROM organizations WHERE id = ?').all(principal.key.organization_id) as OrgRow[])
          : (sql(
              dev.db,
              `SELECT o.* FROM organizations o WHERE o.owner_id = @uid OR EXISTS (SELECT 1 FROM organization_members m
               WHERE m.organization_id = o.id AND m.user_id = @uid AND m.status = 'active')`,
            ).all({ uid: principal.user.id }) as OrgRow[]);
      orgs = rows.map((o) => accessTo(dev, principal, o));
    }
    const byOrg = new Map(orgs.map((a) => [a.org.id, a]));
    const ids = [...byOrg.keys()];
    const all = (
      ids.length
        ? (sql(
            dev.db,
            `SELECT * FROM invitations WHERE organization_id IN (SELECT value FROM json_each(@ids))
             AND (@email IS NULL OR lower(email) = lower(@email)) ORDER BY created_at DESC, rowid DESC`,
          ).all({ ids: JSON.stringify(ids), email: q.email ?? null }) as InvitationRow[])
        : []
    ).map((inv) => ({ inv, status: effectiveStatus(dev, inv) }));
    const count = (s: string) => all.filter((r) => r.status === s).length;
    const matching = q.status ? all.filter((r) => r.status === q.status) : all;
    return c.json({
      invitations: matching.slice(q.skip, q.skip + q.limit).map(({ inv }) => {
        const access = byOrg.get(inv.organization_id) as OrgAccess;
        return toInvitation(dev, inv, isInviteAdmin(access));
      }),
      total: matching.length,
      pending_count: count('pending'),
      accepted_count: count('accepted'),
      expired_count: count('expired'),
    });
  });

  // Marks the caller's organizations' pending invitations that are past their expiry as
  // `expired` (they already read as expired; this makes the stored status agree). Scope: the
  // `organization_id` given, else every organization the caller administers.
  app.post('/cleanup', async (c) => {
    const dev = c.get('dev');
    const principal = await requirePrincipal(c);
    const orgId = c.req.query('organization_id');
    let orgIds: string[] | null;
    if (orgId) orgIds = [adminOfOrg(dev, principal, orgId).org.id];
    else if (principal.kind === 'api_key') {
      requireScope(principal, 'users:invite');
      orgIds = [principal.key.organization_id];
    } else if (principal.user.is_admin === 1) orgIds = null;
    else {
      const rows = sql(
        dev.db,
        `SELECT o.* FROM organizations o WHERE o.owner_id = @uid OR EXISTS (SELECT 1 FROM organization_members m
         WHERE m.organization_id = o.id AND m.user_id = @uid AND m.status = 'active')`,
      ).all({ uid: principal.user.id }) as OrgRow[];
      orgIds = rows.filter((o) => isInviteAdmin(accessTo(dev, principal, o))).map((o) => o.id);
      if (orgIds.length === 0) throw new HttpError(403, ADMIN_REQUIRED);
    }
    const now = dev.clock.now();
    const count = sql(
      dev.db,
      `UPDATE invitations SET status = 'expired', updated_at = @now WHERE status = 'pending' AND expires_at <= @now
       AND (@ids IS NULL OR organization_id IN (SELECT value FROM json_each(@ids)))`,
    ).run({ now, ids: orgIds ? JSON.stringify(orgIds) : null }).changes;
    return c.json({ message: `Cleaned up ${count} expired invitation(s)`, count });
  });

  app.get('/validate/:token', (c) => {
    const dev = c.get('dev');
    const inv = sql(dev.db, 'SELECT * FROM invitations WHERE token = ?').get(c.req.param('token')) as
      | InvitationRow
      | undefined;
    if (!inv) throw new HttpError(404, 'Invalid invitation token');
    const status = effectiveStatus(dev, inv);
    if (status !== 'pending') {
      const reason = status === 'expired' ? 'Invitation has expired' : `Invitation is ${status}`;
      return c.json({ valid: false, reason, email: inv.email, organization_id: inv.organization_id });
    }
    return c.json({
      valid: true,
      email: inv.email,
      organization_id: inv.organization_id,
      organization_name: getOrg(dev, inv.organization_id)?.name ?? '',
      role: inv.role,
      expires_at: iso(inv.expires_at),
      message: inv.message,
    });
  });

  app.post('/accept', async (c) => {
    const dev = c.get('dev');
    const body = await jsonBody(c, acceptSchema);
    // The SDK sends the access token when it has one: that user accepts unless `user_id` says otherwise.
    const caller = c.req.header('authorization') ? (await requireUser(c)).user : null;
    const inv = sql(dev.db, 'SELECT * FROM invitations WHERE token = ?').get(body.token) as InvitationRow | undefined;
    if (!inv) throw new HttpError(400, 'Invalid invitation token');
    const status = effectiveStatus(dev, inv);
    if (status === 'expired') {
      sql(dev.db, "UPDATE invitations SET status = 'expired' WHERE id = ? AND status = 'pending'").run(inv.id);
      throw new HttpError(400, 'Invitation has expired');
    }
    if (status !== 'pending') throw new HttpError(400, `Invitation is ${status}`);
    const org = getOrg(dev, inv.organization_id) as OrgRow;
    let user: UserRow;
    let isNewUser = false;
    const userId = body.user_id ?? caller?.id;
    if (userId) {
      const found = uuidRe.test(userId.toLowerCase()) ? getUserById(dev, userId.toLowerCase()) : undefined;
      if (!found || found.status === 'deleted') throw new HttpError(400, 'User not found');
      if (found.email.toLowerCase() !== inv.email.toLowerCase()) {
        throw new HttpError(400, 'Invitation email does not match user email');
      }
      user = found;
    } else {
      if (!body.password) throw new HttpError(400, 'User account required to accept invitation');
      if (getUserByEmail(dev, inv.email)) throw new HttpError(400, 'Email already registered');
      // As upstream (§4.5): only the 8-character minimum, no policy; the address is verified by the invitation.
      user = insertUser(dev, {
        id: randomUUID(),
        email: inv.email,
        password_hash: await hashPassword(body.password, dev.config.scryptN),
        display_name: body.name ?? null,
        email_verified: 1,
      });
      isNewUser = true;
      dev.events.emit('user.created', { user });
    }
    const member = getMember(dev, org.id, user.id);
    if (member?.status === 'active') throw new HttpError(400, 'User is already a member of this organization');
    const now = dev.clock.now();
    dev.db.transaction(() => {
      if (member) {
        sql(dev.db, "UPDATE organization_members SET role = ?, status = 'active', joined_at = ? WHERE id = ?").run(
          inv.role,
          now,
          member.id,
        );
      } else {
        sql(
          dev.db,
          'INSERT INTO organization_members (id, organization_id, user_id, role, status, joined_at) VALUES (?,?,?,?,?,?)',
        ).run(randomUUID(), org.id, user.id, inv.role, 'active', now);
      }
      sql(
        dev.db,
        "UPDATE invitations SET status = 'accepted', accepted_at = ?, accepted_by = ?, updated_at = ? WHERE id = ?",
      ).run(now, user.id, now, inv.id);
    })();
    dev.events.emit('organization.member.added', { organization_id: org.id, user_id: user.id, role: inv.role });
    return c.json({
      success: true,
      user_id: user.id,
      organization_id: org.id,
      message: 'Invitation accepted successfully',
      is_new_user: isNewUser,
    });
  });

  app.get('/:id', async (c) => {
    const dev = c.get('dev');
    const principal = await requirePrincipal(c);
    const inv = getInvitation(dev, pathId(c.req.param('id'), 'invitation'));
    const org = inv ? getOrg(dev, inv.organization_id) : undefined;
    const access = org ? accessTo(dev, principal, org) : null;
    const invitee = principal.kind === 'user' && inv?.email.toLowerCase() === principal.user.email.toLowerCase();
    if (!inv || !access || (!access.visible && !invitee)) throw new HttpError(404, 'Invitation not found');
    return c.json(toInvitation(dev, inv, invitee || isInviteAdmin(access)));
  });

  app.patch('/:id', async (c) => {
    const { dev, inv, access } = await adminInvitation(c);
    const body = await jsonBody(c, updateSchema);
    const status = effectiveStatus(dev, inv);
    if (status !== 'pending') throw new HttpError(400, `Cannot update invitation with status: ${status}`);
    const now = dev.clock.now();
    let expiresAt = inv.expires_at;
    if (body.expires_at) {
      expiresAt = isoInstant(body.expires_at, 'body.expires_at');
      if (expiresAt <= now) throw new HttpError(400, 'expires_at must be in the future');
      // The same ceiling as `expires_in` at creation (1–30 days).
      if (expiresAt > now + 30 * DAY_MS) throw new HttpError(400, 'expires_at must be within 30 days');
    }
    if (body.role) requireAssignable(access, body.role);
    sql(dev.db, 'UPDATE invitations SET role = ?, message = ?, expires_at = ?, updated_at = ? WHERE id = ?').run(
      body.role ?? inv.role,
      body.message ?? inv.message,
      expiresAt,
      now,
      inv.id,
    );
    return c.json(toInvitation(dev, getInvitation(dev, inv.id) as InvitationRow, true));
  });

  app.post('/:id/resend', async (c) => {
    const { dev, inv, access } = await adminInvitation(c);
    const status = effectiveStatus(dev, inv);
    if (status !== 'pending' && status !== 'expired') {
      throw new HttpError(400, `Cannot resend invitation with status: ${status}`);
    }
    const now = dev.clock.now();
    // A resend restarts the original validity period.
    const validity = Math.max(DAY_MS, inv.expires_at - inv.created_at);
    sql(
      dev.db,
      "UPDATE invitations SET status = 'pending', expires_at = ?, email_sent = 1, updated_at = ? WHERE id = ?",
    ).run(now + validity, now, inv.id);
    deliver(dev, access.org, inv);
    return c.json(toInvitation(dev, getInvitation(dev, inv.id) as InvitationRow, true));
  });

  app.delete('/:id', async (c) => {
    const { dev, inv } = await adminInvitation(c);
    const status = effectiveStatus(dev, inv);
    if (status !== 'pending') throw new HttpError(400, `Cannot revoke invitation with status: ${status}`);
    sql(dev.db, "UPDATE invitations SET status = 'revoked', updated_at = ? WHERE id = ?").run(dev.clock.now(), inv.id);
    return c.body(null, 204);
  });

  return app;
}
