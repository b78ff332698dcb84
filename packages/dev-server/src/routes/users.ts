import { randomBytes, randomUUID } from 'node:crypto';
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { iso, isoNaive } from '../clock';
import type { Dev, Env } from '../context';
import { HttpError } from '../errors';
import { ownedBy, recordAccountOrigin } from '../services/account-origins';
import { issueOneTimeToken } from '../services/one-time-tokens';
import { deleteOrganizationCascade, type OrgRow } from '../services/orgs';
import { checkPasswordPolicy, hashPassword, verifyPassword } from '../services/passwords';
import { type Principal, requirePrincipal, requireScope, requireUser } from '../services/principal';
import { forgetScimUser } from '../services/scim';
import { revokeSessions, revokeUserSessions, type SessionRow } from '../services/sessions';
import { announceUserChange, emitAdminAction } from '../services/user-events';
import { getUserByEmail, getUserById, insertUser, toUser, type UserRow, updateUser } from '../services/users';
import { sendVerificationEmail } from '../services/verification';
import { sql } from '../store/db';
import { emailSchema, isoInstant, jsonBody, pathId, queryBool, validate } from '../validate';

export const userUpdateSchema = z.object({
  first_name: z.string().max(100).nullish(),
  last_name: z.string().max(100).nullish(),
  display_name: z.string().max(200).nullish(),
  bio: z.string().max(1000).nullish(),
  phone_number: z.string().max(20).nullish(),
  timezone: z.string().max(50).nullish(),
  locale: z.string().max(10).nullish(),
  user_metadata: z.record(z.string(), z.unknown()).nullish(),
});

/** Converts a validated `UserUpdate` to columns: null/absent = unchanged (§4.3). */
export function userUpdateColumns(body: z.infer<typeof userUpdateSchema>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) {
    if (v === null || v === undefined) continue;
    out[k] = k === 'user_metadata' ? JSON.stringify(v) : v;
  }
  return out;
}

const AVATAR_TYPES: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

/** Whether `a` may see `b`: platform admins see everyone, others those sharing an organization. */
function sharesOrganization(dev: Dev, a: string, b: string): boolean {
  return !!sql(
    dev.db,
    `SELECT 1 FROM organization_members m1 JOIN organization_members m2 ON m1.organization_id = m2.organization_id
     WHERE m1.user_id = ? AND m2.user_id = ? AND m1.status = 'active' AND m2.status = 'active' LIMIT 1`,
  ).get(a, b);
}

/** Platform admin (a user with is_admin) or an API key with the scope; else 403. */
async function requireAdmin(c: Context<Env>, scope: string): Promise<Principal> {
  const p = await requirePrincipal(c);
  if (p.kind === 'api_key') requireScope(p, scope);
  else if (p.user.is_admin !== 1) throw new HttpError(403, 'Admin access required');
  return p;
}

/** An API-key principal sees its organization's members only (§1.2 designed here). */
function keyCanSee(dev: Dev, p: Principal, userId: string): boolean {
  if (p.kind !== 'api_key') return true;
  return !!sql(
    dev.db,
    "SELECT 1 FROM organization_members WHERE organization_id = ? AND user_id = ? AND status = 'active'",
  ).get(p.key.organization_id, userId);
}

/**
 * The account itself (email, profile, status, deletion, lockout, sessions) is within an API key's
 * reach only when the key's organization created it (services/account-origins.ts) and it is not a
 * platform admin: any organization owner can add any user as a member without their consent, so
 * membership alone must never let a key take an account over (README, "API-key principal").
 * 404 when the key cannot see the user at all, 403 when it sees a member it does not own.
 */
function assertKeyManages(dev: Dev, p: Principal, user: UserRow): void {
  if (p.kind !== 'api_key') return;
  const owned = ownedBy(dev, user.id, p.key.organization_id);
  if (!owned && !keyCanSee(dev, p, user.id)) throw new HttpError(404, 'User not found');
  if (!owned || user.is_admin === 1) throw new HttpError(403, 'Account not managed by this organization');
}

function adminUser(dev: Dev, u: UserRow) {
  const count = (q: string) => (sql(dev.db, q).get(u.id) as { n: number }).n;
  return {
    id: u.id,
    email: u.email,
    email_verified: u.email_verified === 1,
    username: u.username,
    first_name: u.first_name,
    last_name: u.last_name,
    status: u.status,
    mfa_enabled:
      count('SELECT COUNT(*) AS n FROM mfa_settings WHERE user_id = ? AND (totp_verified = 1 OR sms_verified = 1)') > 0,
    is_admin: u.is_admin === 1,
    organizations_count: count(
      "SELECT COUNT(*) AS n FROM organization_members WHERE user_id = ? AND status = 'active'",
    ),
    sessions_count: count('SELECT COUNT(*) AS n FROM sessions WHERE user_id = ? AND revoked_at IS NULL'),
    oauth_providers: (
      sql(dev.db, 'SELECT provider FROM oauth_accounts WHERE user_id = ?').all(u.id) as { provider: string }[]
    ).map((r) => r.provider),
    passkeys_count: count('SELECT COUNT(*) AS n FROM passkeys WHERE user_id = ?'),
    created_at: iso(u.created_at),
    updated_at: iso(u.updated_at),
    last_sign_in_at: isoNaive(u.last_sign_in_at),
  };
}

const pageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  per_page: z.coerce.number().int().min(1).max(100).default(20),
  search: z.string().optional(),
  status: z.string().optional(),
  email_verified: z.enum(['true', 'false']).optional(),
});

const adminListQuery = pageQuery.omit({ email_verified: true }).extend({
  mfa_enabled: queryBool.optional(),
  is_admin: queryBool.optional(),
});

const STATUSES = ['active', 'inactive', 'suspended', 'pending', 'deleted'];

interface ConsentRow {
  id: string;
  user_id: string;
  client_id: string;
  scopes: string;
  granted_at: number;
  expires_at: number | null;
  revoked_at: number | null;
  created_at: number;
  updated_at: number;
}

const consentSchema = z.object({
  client_id: z.string().min(1).max(255),
  scopes: z.array(z.string().min(1).max(100)).max(100).nullish(),
  expires_at: z.string().nullish(),
});

/** An OAuth-client consent (§4.3; the contract names only the request fields, this is the object). */
function toConsent(r: ConsentRow) {
  return {
    id: r.id,
    user_id: r.user_id,
    client_id: r.client_id,
    scopes: JSON.parse(r.scopes) as string[],
    granted_at: iso(r.granted_at),
    expires_at: isoNaive(r.expires_at),
  };
}

/** §4.3 users and the admin user routes. */
export function userRoutes(): Hono<Env> {
  const app = new Hono<Env>();

  app.get('/me', async (c) => {
    const { user } = await requireUser(c);
    return c.json(toUser(user));
  });

  app.patch('/me', async (c) => {
    const dev = c.get('dev');
    const { user } = await requireUser(c);
    const body = await jsonBody(c, userUpdateSchema);
    const updated = updateUser(dev, user.id, userUpdateColumns(body));
    dev.events.emit('user.updated', { user: updated });
    return c.json(toUser(updated));
  });

  app.delete('/me', async (c) => {
    const dev = c.get('dev');
    const { user } = await requireUser(c);
    const password =
      c.req.query('password') ?? ((await c.req.json().catch(() => ({}))) as { password?: string }).password;
    if (!password || !(await verifyPassword(password, user.password_hash)))
      throw new HttpError(400, 'Invalid password');
    const soleAdmin = sql(
      dev.db,
      `SELECT o.name FROM organization_members m JOIN organizations o ON o.id = m.organization_id
       WHERE m.user_id = ? AND m.role IN ('owner','admin') AND m.status = 'active'
       AND NOT EXISTS (SELECT 1 FROM organization_members x WHERE x.organization_id = m.organization_id
         AND x.user_id != m.user_id AND x.role IN ('owner','admin') AND x.status = 'active')
       AND EXISTS (SELECT 1 FROM organization_members y WHERE y.organization_id = m.organization_id AND y.user_id != m.user_id AND y.status = 'active')
       LIMIT 1`,
    ).get(user.id) as { name: string } | undefined;
    if (soleAdmin) {
      throw new HttpError(400, `Cannot delete account: you are the only admin of organization '${soleAdmin.name}'`);
    }
    softDelete(dev, user);
    return c.json({ message: 'Account deleted successfully' });
  });

  app.post('/me/avatar', async (c) => {
    const dev = c.get('dev');
    const { user } = await requireUser(c);
    const form = await c.req.formData().catch(() => null);
    const file = form?.get('file');
    if (!file || typeof file === 'string') {
      throw new HttpError(422, 'Request validation failed', 'VALIDATION_ERROR', {
        validation_errors: [{ field: 'body.file', message: 'Field required', type: 'missing' }],
      });
    }
    const ext = AVATAR_TYPES[file.type];
    if (!ext) throw new HttpError(400, 'Invalid file type');
    if (file.size > 5 * 1024 * 1024) throw new HttpError(400, 'File too large (max 5MB)');
    const name = `${user.id}-${randomBytes(6).toString('hex')}.${ext}`;
    sql(dev.db, 'DELETE FROM avatars WHERE user_id = ?').run(user.id);
    sql(dev.db, 'INSERT INTO avatars (file, user_id, content_type, bytes, created_at) VALUES (?,?,?,?,?)').run(
      name,
      user.id,
      file.type,
      Buffer.from(await file.arrayBuffer()),
      dev.clock.now(),
    );
    const url = `/uploads/avatars/${name}`;
    const updated = updateUser(dev, user.id, { profile_image_url: url });
    dev.events.emit('user.updated', { user: updated });
    return c.json({ profile_image_url: url });
  });

  app.delete('/me/avatar', async (c) => {
    const dev = c.get('dev');
    const { user } = await requireUser(c);
    sql(dev.db, 'DELETE FROM avatars WHERE user_id = ?').run(user.id);
    const updated = updateUser(dev, user.id, { profile_image_url: null });
    dev.events.emit('user.updated', { user: updated });
    return c.json({ message: 'Avatar deleted successfully' });
  });

  app.get('/me/consents', async (c) => {
    const dev = c.get('dev');
    const { user } = await requireUser(c);
    const rows = sql(
      dev.db,
      `SELECT * FROM user_consents WHERE user_id = ? AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)
       ORDER BY granted_at DESC, rowid DESC`,
    ).all(user.id, dev.clock.now()) as ConsentRow[];
    return c.json({ consents: rows.map(toConsent), total: rows.length });
  });

  // Granting again to the same client adds the new scopes to the live consent and restarts it
  // with the new expiry (absent = no expiry): one live consent per client, as a consent screen
  // that asks only for what is new would need.
  app.post('/me/consents', async (c) => {
    const dev = c.get('dev');
    const { user } = await requireUser(c);
    const body = await jsonBody(c, consentSchema);
    const now = dev.clock.now();
    const expiresAt = body.expires_at ? isoInstant(body.expires_at, 'body.expires_at') : null;
    if (expiresAt !== null && expiresAt <= now) throw new HttpError(400, 'expires_at must be in the future');
    const live = sql(
      dev.db,
      `SELECT * FROM user_consents WHERE user_id = ? AND client_id = ? AND revoked_at IS NULL
       AND (expires_at IS NULL OR expires_at > ?)`,
    ).get(user.id, body.client_id, now) as ConsentRow | undefined;
    const scopes = [...new Set([...(live ? (JSON.parse(live.scopes) as string[]) : []), ...(body.scopes ?? [])])];
    const id = live?.id ?? randomUUID();
    if (live) {
      sql(
        dev.db,
        'UPDATE user_consents SET scopes = ?, granted_at = ?, expires_at = ?, updated_at = ? WHERE id = ?',
      ).run(JSON.stringify(scopes), now, expiresAt, now, id);
    } else {
      sql(
        dev.db,
        `INSERT INTO user_consents (id, user_id, client_id, scopes, granted_at, expires_at, created_at, updated_at)
         VALUES (?,?,?,?,?,?,?,?)`,
      ).run(id, user.id, body.client_id, JSON.stringify(scopes), now, expiresAt, now, now);
    }
    return c.json(toConsent(sql(dev.db, 'SELECT * FROM user_consents WHERE id = ?').get(id) as ConsentRow));
  });

  app.delete('/me/consents/:id', async (c) => {
    const dev = c.get('dev');
    const id = pathId(c.req.param('id'), 'consent');
    const { user } = await requireUser(c);
    const done = sql(
      dev.db,
      'UPDATE user_consents SET revoked_at = ?, updated_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL',
    ).run(dev.clock.now(), dev.clock.now(), id, user.id);
    if (done.changes === 0) throw new HttpError(404, 'Consent not found');
    return c.json({ message: 'Consent revoked successfully' });
  });

  app.get('/', async (c) => {
    const dev = c.get('dev');
    const p = await requirePrincipal(c);
    if (p.kind === 'api_key') requireScope(p, 'users:read');
    const q = validate(pageQuery, c.req.query(), 'query');
    const conditions = ["u.status != 'deleted'"];
    const args: unknown[] = [];
    if (p.kind === 'api_key') {
      conditions.push(
        "EXISTS (SELECT 1 FROM organization_members m WHERE m.user_id = u.id AND m.organization_id = ? AND m.status = 'active')",
      );
      args.push(p.key.organization_id);
    } else if (p.user.is_admin !== 1) {
      conditions.push(
        `(u.id = ? OR EXISTS (SELECT 1 FROM organization_members m1 JOIN organization_members m2 ON m1.organization_id = m2.organization_id
          WHERE m1.user_id = ? AND m2.user_id = u.id AND m1.status = 'active' AND m2.status = 'active'))`,
      );
      args.push(p.user.id, p.user.id);
    }
    if (q.search) {
      conditions.push(
        '(lower(u.email) LIKE ?1x OR lower(u.first_name) LIKE ?1x OR lower(u.last_name) LIKE ?1x OR lower(u.username) LIKE ?1x)'.replaceAll(
          '?1x',
          '?',
        ),
      );
      const like = `%${q.search.toLowerCase()}%`;
      args.push(like, like, like, like);
    }
    if (q.status && STATUSES.includes(q.status)) {
      conditions.push('u.status = ?');
      args.push(q.status);
    }
    if (q.email_verified) {
      conditions.push('u.email_verified = ?');
      args.push(q.email_verified === 'true' ? 1 : 0);
    }
    const where = conditions.join(' AND ');
    const total = (dev.db.prepare(`SELECT COUNT(*) AS n FROM users u WHERE ${where}`).get(...args) as { n: number }).n;
    const rows = dev.db
      .prepare(`SELECT u.* FROM users u WHERE ${where} ORDER BY u.created_at DESC, u.rowid DESC LIMIT ? OFFSET ?`)
      .all(...args, q.per_page, (q.page - 1) * q.per_page) as UserRow[];
    return c.json({ users: rows.map(toUser), total, page: q.page, per_page: q.per_page });
  });

  app.get('/:id', async (c) => {
    const dev = c.get('dev');
    const id = pathId(c.req.param('id'), 'user');
    const p = await requirePrincipal(c);
    if (p.kind === 'api_key') requireScope(p, 'users:read');
    const user = getUserById(dev, id);
    if (user?.status !== 'active' || !keyCanSee(dev, p, id)) throw new HttpError(404, 'User not found');
    if (p.kind === 'user' && p.user.is_admin !== 1 && p.user.id !== id && !sharesOrganization(dev, p.user.id, id)) {
      throw new HttpError(403, 'Access denied');
    }
    return c.json(toUser(user));
  });

  // (designed here) PATCH /users/{id}: admin or self, UserUpdate body.
  app.patch('/:id', async (c) => {
    const dev = c.get('dev');
    const id = pathId(c.req.param('id'), 'user');
    const p = await requirePrincipal(c);
    if (!(p.kind === 'user' && p.user.id === id)) await requireAdmin(c, 'users:update');
    const user = getUserById(dev, id);
    if (!user || user.status === 'deleted') throw new HttpError(404, 'User not found');
    assertKeyManages(dev, p, user);
    const body = await jsonBody(c, userUpdateSchema);
    const updated = updateUser(dev, id, userUpdateColumns(body));
    dev.events.emit('user.updated', { user: updated });
    if (!(p.kind === 'user' && p.user.id === id)) emitAdminAction(dev, p, 'user.update', { id, type: 'user' });
    return c.json(toUser(updated));
  });

  // (designed here) POST /users/{id}/email.
  app.post('/:id/email', async (c) => {
    const dev = c.get('dev');
    const id = pathId(c.req.param('id'), 'user');
    const p = await requirePrincipal(c);
    if (!(p.kind === 'user' && p.user.id === id)) await requireAdmin(c, 'users:update');
    const body = await jsonBody(c, z.object({ email: emailSchema, require_verification: z.boolean().default(true) }));
    const user = getUserById(dev, id);
    if (!user || user.status === 'deleted') throw new HttpError(404, 'User not found');
    assertKeyManages(dev, p, user);
    const taken = getUserByEmail(dev, body.email);
    if (taken && taken.id !== id) throw new HttpError(409, 'Email already registered');
    const updated = updateUser(dev, id, { email: body.email, email_verified: body.require_verification ? 0 : 1 });
    if (body.require_verification) sendVerificationEmail(dev, updated);
    announceUserChange(dev, user, updated);
    if (!(p.kind === 'user' && p.user.id === id)) emitAdminAction(dev, p, 'user.update_email', { id, type: 'user' });
    return c.json(toUser(updated));
  });

  app.post('/:id/suspend', async (c) => {
    const dev = c.get('dev');
    const id = pathId(c.req.param('id'), 'user');
    const p = await requireAdmin(c, 'users:update');
    const user = getUserById(dev, id);
    if (!user || user.status === 'deleted') throw new HttpError(404, 'User not found');
    assertKeyManages(dev, p, user);
    const reason =
      c.req.query('reason') ?? ((await c.req.json().catch(() => ({}))) as { reason?: string }).reason ?? null;
    const metadata = { ...(JSON.parse(user.user_metadata) as object), suspension_reason: reason };
    const updated = updateUser(dev, id, { status: 'suspended', user_metadata: JSON.stringify(metadata) });
    revokeUserSessions(dev, id, null, 'user_suspended');
    // The reason is part of a suspension; suspending a suspended user only restates it, which is
    // `user.updated` (if it changed), not a second suspension.
    const before = user.status === 'suspended' ? user : { ...user, user_metadata: updated.user_metadata };
    announceUserChange(dev, before, updated, { reason });
    emitAdminAction(dev, p, 'user.suspend', { id, type: 'user' }, { reason });
    return c.json({ message: 'User suspended successfully' });
  });

  app.post('/:id/reactivate', async (c) => {
    const dev = c.get('dev');
    const id = pathId(c.req.param('id'), 'user');
    const p = await requireAdmin(c, 'users:update');
    const user = getUserById(dev, id);
    if (!user || user.status === 'deleted') throw new HttpError(404, 'User not found');
    assertKeyManages(dev, p, user);
    if (user.status !== 'suspended') throw new HttpError(400, 'User is not suspended');
    const updated = updateUser(dev, id, { status: 'active' });
    announceUserChange(dev, user, updated);
    emitAdminAction(dev, p, 'user.reactivate', { id, type: 'user' });
    return c.json({ message: 'User reactivated successfully' });
  });
  return app;
}

function softDelete(dev: Dev, user: UserRow): void {
  updateUser(dev, user.id, { status: 'deleted', email: `deleted_${user.id}_${user.email}` });
  revokeUserSessions(dev, user.id, null, 'user_deleted');
  dev.events.emit('user.deleted', { user });
}

// Rows that are the user's own and go with the account. Audit entries, invitations they sent and
// webhook deliveries stay: they are the organization's history, not the user's data.
const PERSONAL_TABLES = [
  'sessions',
  'organization_members',
  'oauth_accounts',
  'trusted_devices',
  'avatars',
  'api_keys',
  'one_time_tokens',
  'user_consents',
  'mfa_settings',
  'mfa_backup_codes',
  'mfa_sms_codes',
  'mfa_challenges',
  'webauthn_challenges',
  'sso_identities',
  'account_origins',
];

/**
 * What happens to the organizations a user owns (`owner_id`) when the account is permanently
 * deleted; the contract is silent (README, "Choices where the contract is silent"):
 * another active `owner` member takes over; an organization with no other active member goes
 * with the account; an organization with other members but no other owner blocks the delete
 * (409), since choosing its next owner is the organization's call. An API key may only remove
 * its own organization.
 */
function ownedOrganizationsPlan(dev: Dev, p: Principal, userId: string) {
  const owned = sql(dev.db, 'SELECT * FROM organizations WHERE owner_id = ? ORDER BY created_at').all(
    userId,
  ) as OrgRow[];
  const transfer: { org: OrgRow; to: string }[] = [];
  const remove: OrgRow[] = [];
  for (const org of owned) {
    const others = sql(
      dev.db,
      `SELECT m.user_id, m.role, u.status FROM organization_members m JOIN users u ON u.id = m.user_id
       WHERE m.organization_id = ? AND m.user_id != ? AND m.status = 'active' AND u.status != 'deleted'
       ORDER BY m.joined_at, m.rowid`,
    ).all(org.id, userId) as { user_id: string; role: string; status: string }[];
    // A suspended (or inactive) owner cannot run the organization; they still count as members,
    // so the organization is not deleted under them either.
    const nextOwner = others.find((m) => m.role === 'owner' && m.status === 'active');
    if (nextOwner) transfer.push({ org, to: nextOwner.user_id });
    else if (others.length === 0 && (p.kind === 'user' || p.key.organization_id === org.id)) remove.push(org);
    else {
      const which =
        p.kind === 'user' || p.key.organization_id === org.id ? ` '${org.name}'` : ' outside this organization';
      throw new HttpError(
        409,
        `Cannot permanently delete user: they own organization${which}. Make another member an owner of it or delete the organization first`,
      );
    }
  }
  return { transfer, remove };
}

function permanentlyDelete(dev: Dev, p: Principal, user: UserRow): void {
  const { transfer, remove } = ownedOrganizationsPlan(dev, p, user.id);
  revokeUserSessions(dev, user.id, null, 'user_deleted');
  const now = dev.clock.now();
  dev.db.transaction(() => {
    for (const { org, to } of transfer) {
      sql(dev.db, 'UPDATE organizations SET owner_id = ?, updated_at = ? WHERE id = ?').run(to, now, org.id);
    }
    for (const org of remove) deleteOrganizationCascade(dev, org.id);
    // Its SCIM resources would point at nothing (GET /scim/v2/Users reads the user row).
    forgetScimUser(dev, user.id);
    for (const t of PERSONAL_TABLES) dev.db.prepare(`DELETE FROM ${t} WHERE user_id = ?`).run(user.id);
    // Personal endpoints go; an organization's endpoints stay with the organization.
    sql(dev.db, 'DELETE FROM webhook_endpoints WHERE user_id = ? AND organization_id IS NULL').run(user.id);
    sql(dev.db, 'UPDATE webhook_endpoints SET user_id = NULL WHERE user_id = ?').run(user.id);
    sql(dev.db, 'DELETE FROM users WHERE id = ?').run(user.id);
  })();
  for (const { org } of transfer) dev.events.emit('organization.updated', { organization: org });
  for (const org of remove) dev.events.emit('organization.deleted', { organization: org });
  dev.events.emit('user.deleted', { user });
}

const adminCreateSchema = z.object({
  email: emailSchema,
  name: z.string().max(200).nullish(),
  password: z.string().min(8).nullish(),
  is_admin: z.boolean().default(false),
  email_verified: z.boolean().default(false),
  organization_id: z.string().nullish(),
  organization_role: z.enum(['member', 'admin', 'owner']).nullish(),
});

/** §4.3 admin routes under /api/v1/admin. */
export function adminRoutes(): Hono<Env> {
  const app = new Hono<Env>();

  app.get('/users', async (c) => {
    const dev = c.get('dev');
    const p = await requireAdmin(c, 'users:read');
    const q = validate(adminListQuery, c.req.query(), 'query');
    const conditions: string[] = [];
    const args: unknown[] = [];
    // An API key sees its organization's members only (§1.2), as on GET /users/.
    if (p.kind === 'api_key') {
      conditions.push(
        "EXISTS (SELECT 1 FROM organization_members m WHERE m.user_id = u.id AND m.organization_id = ? AND m.status = 'active')",
      );
      args.push(p.key.organization_id);
    }
    if (q.search) {
      // The fields GET /users/ searches (§4.3): email, first and last name, username.
      conditions.push(
        '(lower(u.email) LIKE ? OR lower(u.first_name) LIKE ? OR lower(u.last_name) LIKE ? OR lower(u.username) LIKE ?)',
      );
      const like = `%${q.search.toLowerCase()}%`;
      args.push(like, like, like, like);
    }
    if (q.status && STATUSES.includes(q.status)) {
      conditions.push('u.status = ?');
      args.push(q.status);
    }
    if (q.is_admin !== undefined) {
      conditions.push('u.is_admin = ?');
      args.push(q.is_admin ? 1 : 0);
    }
    if (q.mfa_enabled !== undefined) {
      // The same test as the `mfa_enabled` the list returns (a verified TOTP or SMS factor).
      conditions.push(
        `${q.mfa_enabled ? '' : 'NOT '}EXISTS (SELECT 1 FROM mfa_settings f WHERE f.user_id = u.id AND (f.totp_verified = 1 OR f.sms_verified = 1))`,
      );
    }
    const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    const rows = dev.db
      .prepare(`SELECT u.* FROM users u ${where} ORDER BY u.created_at DESC, u.rowid DESC LIMIT ? OFFSET ?`)
      .all(...args, q.per_page, (q.page - 1) * q.per_page) as UserRow[];
    return c.json(rows.map((u) => adminUser(dev, u)));
  });

  app.post('/users', async (c) => {
    const dev = c.get('dev');
    const p = await requireAdmin(c, 'users:create');
    const body = await jsonBody(c, adminCreateSchema);
    if (getUserByEmail(dev, body.email)) throw new HttpError(409, 'User with this email already exists');
    if (body.password) checkPasswordPolicy(body.password);
    let orgId = body.organization_id ?? null;
    if (p.kind === 'api_key') orgId ??= p.key.organization_id;
    if (orgId) {
      if (!/^[0-9a-f-]{36}$/.test(orgId)) throw new HttpError(400, 'Invalid organization_id');
      if (!sql(dev.db, 'SELECT 1 FROM organizations WHERE id = ?').get(orgId))
        throw new HttpError(404, 'Organization not found');
      if (p.kind === 'api_key' && orgId !== p.key.organization_id)
        throw new HttpError(403, 'Permission denied: users:create');
    }
    const user = insertUser(dev, {
      id: randomUUID(),
      email: body.email,
      first_name: body.name ?? null,
      password_hash: body.password ? await hashPassword(body.password, dev.config.scryptN) : null,
      is_admin: body.is_admin && p.kind === 'user' ? 1 : 0,
      email_verified: body.email_verified ? 1 : 0,
    });
    const role = orgId ? (body.organization_role ?? 'member') : null;
    if (orgId) {
      sql(
        dev.db,
        'INSERT INTO organization_members (id, organization_id, user_id, role, status, joined_at) VALUES (?,?,?,?,?,?)',
      ).run(randomUUID(), orgId, user.id, role, 'active', dev.clock.now());
    }
    // The organization's key created this account, so the organization owns it (assertKeyManages).
    if (p.kind === 'api_key' && orgId) recordAccountOrigin(dev, user.id, orgId, 'api_key', null);
    const setPasswordToken = body.password
      ? null
      : issueOneTimeToken(dev, 'password_reset', 24 * 3600_000, { userId: user.id });
    dev.events.emit('user.created', { user });
    emitAdminAction(dev, p, 'user.create', { id: user.id, type: 'user' });
    return c.json(
      {
        id: user.id,
        email: user.email,
        email_verified: user.email_verified === 1,
        name: user.first_name,
        status: user.status,
        is_admin: user.is_admin === 1,
        organization_id: orgId,
        organization_role: role,
        set_password_token: setPasswordToken,
        created_at: iso(user.created_at),
      },
      201,
    );
  });

  app.patch('/users/:id', async (c) => {
    const dev = c.get('dev');
    const id = pathId(c.req.param('id'), 'user');
    const p = await requireAdmin(c, 'users:update');
    const body = await jsonBody(
      c,
      z.object({
        status: z.enum(['active', 'inactive', 'suspended']).optional(),
        is_admin: z.boolean().optional(),
        email_verified: z.boolean().optional(),
      }),
    );
    const user = getUserById(dev, id);
    // A deleted account is gone for every other admin route; PATCH must not bring it back.
    if (!user || user.status === 'deleted') throw new HttpError(404, 'User not found');
    assertKeyManages(dev, p, user);
    if (p.kind === 'user' && p.user.id === id && body.is_admin === false) {
      throw new HttpError(400, 'Cannot remove your own admin privileges');
    }
    const updated = updateUser(dev, id, {
      status: body.status,
      is_admin: body.is_admin === undefined || p.kind === 'api_key' ? undefined : body.is_admin ? 1 : 0,
      email_verified: body.email_verified === undefined ? undefined : body.email_verified ? 1 : 0,
    });
    if (body.status && body.status !== 'active') revokeUserSessions(dev, id, null, `user_${body.status}`);
    // The same events as the dedicated routes (suspend, reactivate, verify), each once (§4.8).
    announceUserChange(dev, user, updated);
    emitAdminAction(dev, p, 'user.update', { id, type: 'user' });
    return c.json({ message: 'User updated successfully' });
  });

  app.delete('/users/:id', async (c) => {
    const dev = c.get('dev');
    const id = pathId(c.req.param('id'), 'user');
    const p = await requireAdmin(c, 'users:delete');
    if (p.kind === 'user' && p.user.id === id) throw new HttpError(400, 'Cannot delete your own account');
    const user = getUserById(dev, id);
    if (!user || user.status === 'deleted') throw new HttpError(404, 'User not found');
    assertKeyManages(dev, p, user);
    if (c.req.query('permanent') === 'true') {
      permanentlyDelete(dev, p, user);
      emitAdminAction(dev, p, 'user.delete', { id, type: 'user' }, { permanent: true });
      return c.json({ message: 'User permanently deleted' });
    }
    softDelete(dev, user);
    emitAdminAction(dev, p, 'user.delete', { id, type: 'user' }, { permanent: false });
    return c.json({ message: 'User soft deleted' });
  });

  app.post('/users/:id/unlock', async (c) => {
    const dev = c.get('dev');
    const id = pathId(c.req.param('id'), 'user');
    const p = await requireAdmin(c, 'users:update');
    const user = getUserById(dev, id);
    if (!user) throw new HttpError(404, 'User not found');
    assertKeyManages(dev, p, user);
    updateUser(dev, id, { failed_attempts: 0, locked_until: null });
    emitAdminAction(dev, p, 'user.unlock', { id, type: 'user' });
    return c.json({ message: 'User account unlocked successfully' });
  });

  app.post('/sessions/revoke-all', async (c) => {
    const dev = c.get('dev');
    const p = await requireAdmin(c, 'sessions:delete');
    const userId = c.req.query('user_id');
    let n = 0;
    if (userId) {
      const id = pathId(userId, 'user');
      if (p.kind === 'api_key') {
        const user = getUserById(dev, id);
        if (!user) throw new HttpError(404, 'User not found');
        assertKeyManages(dev, p, user);
      }
      n = revokeUserSessions(dev, id, null, 'admin_revoke_all');
      emitAdminAction(dev, p, 'sessions.revoke_all', { id, type: 'user' }, { revoked_count: n });
    } else {
      // Every user's sessions but the caller's; an API key's reach ends at the accounts its
      // organization created (never a platform admin), as for user_id.
      const rows = sql(
        dev.db,
        `SELECT s.* FROM sessions s WHERE s.revoked_at IS NULL AND s.user_id IS NOT @keep
         AND (@org IS NULL OR (EXISTS (SELECT 1 FROM account_origins o
           WHERE o.user_id = s.user_id AND o.organization_id = @org)
           AND NOT EXISTS (SELECT 1 FROM users u WHERE u.id = s.user_id AND u.is_admin = 1)))`,
      ).all({
        keep: p.kind === 'user' ? p.user.id : null,
        org: p.kind === 'api_key' ? p.key.organization_id : null,
      }) as SessionRow[];
      n = revokeSessions(dev, rows, 'admin_revoke_all');
      emitAdminAction(dev, p, 'sessions.revoke_all', { id: null, type: 'user' }, { revoked_count: n });
    }
    return c.json({ message: `Revoked ${n} sessions` });
  });
  return app;
}

/** Serves uploaded avatars (designed here, §4.3). */
export function uploadRoutes(): Hono<Env> {
  const app = new Hono<Env>();
  app.get('/avatars/:file', (c) => {
    const row = sql(c.get('dev').db, 'SELECT content_type, bytes FROM avatars WHERE file = ?').get(
      c.req.param('file'),
    ) as { content_type: string; bytes: Buffer } | undefined;
    if (!row) throw new HttpError(404, 'Not Found');
    return c.body(new Uint8Array(row.bytes), 200, { 'content-type': row.content_type });
  });
  return app;
}
