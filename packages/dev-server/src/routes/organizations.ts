import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import { iso } from '../clock';
import type { Dev, Env } from '../context';
import { HttpError } from '../errors';
import {
  accessTo,
  can,
  countOwners,
  deleteOrganizationCascade,
  getActiveMember,
  getMember,
  getOrgBySlug,
  levelOf,
  type MemberRow,
  NOT_A_MEMBER,
  type OrgAccess,
  type OrgRow,
  orgContext,
  ROLE_LEVELS,
  requireAssignable,
  requireKnownRole,
  requirePermission,
  toMember,
  toOrganization,
  toOrganizationDetail,
} from '../services/orgs';
import { requirePrincipal, requireUser } from '../services/principal';
import { getUserById } from '../services/users';
import { sql } from '../store/db';
import { emailSchema, jsonBody, pathId, uuidRe } from '../validate';

const createSchema = z.object({
  name: z.string().min(1).max(200),
  slug: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[a-z0-9-]+$/),
  description: z.string().max(1000).nullish(),
  billing_email: emailSchema.nullish(),
});

const updateSchema = z.object({
  name: z.string().min(1).max(200).nullish(),
  description: z.string().max(1000).nullish(),
  logo_url: z.string().max(500).nullish(),
  billing_email: emailSchema.nullish(),
  settings: z.record(z.string(), z.unknown()).nullish(),
});

const addMemberSchema = z.object({
  user_id: z.string().regex(uuidRe),
  role: z.string().min(1).max(100).default('member'),
  metadata: z.record(z.string(), z.unknown()).nullish(),
});

const orgEvent = (o: OrgRow) => ({ id: o.id, name: o.name, slug: o.slug });

function reload(dev: Dev, id: string): OrgRow {
  return sql(dev.db, 'SELECT * FROM organizations WHERE id = ?').get(id) as OrgRow;
}

function settingsRow(dev: Dev, org: OrgRow) {
  const now = dev.clock.now();
  sql(
    dev.db,
    'INSERT INTO organization_settings (id, organization_id, created_at, updated_at) VALUES (?,?,?,?) ON CONFLICT (organization_id) DO NOTHING',
  ).run(randomUUID(), org.id, now, now);
  const row = sql(dev.db, 'SELECT * FROM organization_settings WHERE organization_id = ?').get(org.id) as {
    id: string;
    created_at: number;
    updated_at: number;
  };
  return {
    id: row.id,
    organization_id: org.id,
    settings_data: JSON.parse(reload(dev, org.id).settings) as Record<string, unknown>,
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
  };
}

/** The organization routes need membership only (§4.5 "member"), guests included; keys need `org:read`. */
function requireMember(access: OrgAccess): void {
  if (!access.visible) throw new HttpError(403, NOT_A_MEMBER);
  if (access.principal.kind === 'api_key') requirePermission(access, 'org:read');
}

/** A manager may not act on a member who out-ranks them (an admin cannot demote an owner). */
function requireOutranks(access: OrgAccess, target: MemberRow): void {
  if (levelOf(target.role) > access.level) {
    throw new HttpError(403, 'Cannot modify a member with a higher role than your own');
  }
}

/** §4.5 organizations, their settings and members. Mounted at `/api/v1/organizations/`. */
export function organizationRoutes(): Hono<Env> {
  const app = new Hono<Env>();

  app.post('/', async (c) => {
    const dev = c.get('dev');
    const { user } = await requireUser(c);
    const body = await jsonBody(c, createSchema);
    if (getOrgBySlug(dev, body.slug)) throw new HttpError(400, 'Organization slug already exists');
    const now = dev.clock.now();
    const id = randomUUID();
    dev.db.transaction(() => {
      sql(
        dev.db,
        `INSERT INTO organizations (id, name, slug, description, billing_email, owner_id, created_at, updated_at)
         VALUES (?,?,?,?,?,?,?,?)`,
      ).run(id, body.name, body.slug, body.description ?? null, body.billing_email ?? user.email, user.id, now, now);
      // Designed here (§4.5): the creator is an active `owner` member, not only `owner_id`.
      sql(
        dev.db,
        'INSERT INTO organization_members (id, organization_id, user_id, role, status, joined_at) VALUES (?,?,?,?,?,?)',
      ).run(randomUUID(), id, user.id, 'owner', 'active', now);
    })();
    const org = reload(dev, id);
    dev.events.emit('organization.created', orgEvent(org));
    dev.events.emit('organization.member.added', { organization_id: id, user_id: user.id, role: 'owner' });
    return c.json(toOrganization(dev, org));
  });

  app.get('/', async (c) => {
    const dev = c.get('dev');
    const principal = await requirePrincipal(c);
    const page = Math.max(1, Number.parseInt(c.req.query('page') ?? '1', 10) || 1);
    const perPage = Math.max(1, Number.parseInt(c.req.query('per_page') ?? '20', 10) || 20);
    const rows =
      principal.kind === 'api_key'
        ? (sql(dev.db, 'SELECT * FROM organizations WHERE id = ?').all(principal.key.organization_id) as OrgRow[])
        : (sql(
            dev.db,
            `SELECT o.* FROM organizations o WHERE o.owner_id = @uid OR EXISTS (SELECT 1 FROM organization_members m
             WHERE m.organization_id = o.id AND m.user_id = @uid AND m.status = 'active') ORDER BY o.created_at, o.rowid`,
          ).all({ uid: principal.user.id }) as OrgRow[]);
    const slice = rows.slice((page - 1) * perPage, page * perPage);
    return c.json({
      organizations: slice.map((o) => toOrganization(dev, o, { listed: true })),
      total: rows.length,
      page,
      per_page: perPage,
    });
  });

  app.get('/slug/:slug', async (c) => {
    const dev = c.get('dev');
    const principal = await requirePrincipal(c);
    const org = getOrgBySlug(dev, c.req.param('slug'));
    if (!org) throw new HttpError(404, 'Organization not found');
    return c.json(toOrganization(dev, org, { visible: accessTo(dev, principal, org).visible }));
  });

  app.get('/:org_id', async (c) => {
    const access = await orgContext(c, pathId(c.req.param('org_id'), 'organization'));
    requireMember(access);
    return c.json(toOrganizationDetail(c.get('dev'), access.org));
  });

  app.patch('/:org_id', async (c) => {
    const dev = c.get('dev');
    const access = await orgContext(c, pathId(c.req.param('org_id'), 'organization'));
    requirePermission(access, 'org:update', 'Insufficient permissions');
    const body = await jsonBody(c, updateSchema);
    const fields: Record<string, unknown> = {};
    for (const key of ['name', 'description', 'logo_url', 'billing_email'] as const) {
      if (body[key] !== null && body[key] !== undefined) fields[key] = body[key];
    }
    if (body.settings) fields.settings = JSON.stringify(body.settings);
    const set = [...Object.keys(fields).map((k) => `${k} = @${k}`), 'updated_at = @updated_at'];
    dev.db
      .prepare(`UPDATE organizations SET ${set.join(', ')} WHERE id = @id`)
      .run({ ...fields, updated_at: dev.clock.now(), id: access.org.id });
    const org = reload(dev, access.org.id);
    dev.events.emit('organization.updated', orgEvent(org));
    return c.json(toOrganization(dev, org));
  });

  app.delete('/:org_id', async (c) => {
    const dev = c.get('dev');
    const access = await orgContext(c, pathId(c.req.param('org_id'), 'organization'));
    if (!access.visible) throw new HttpError(403, NOT_A_MEMBER);
    const message = 'Only organization owner can delete the organization';
    if (access.principal.kind === 'api_key') requirePermission(access, 'org:delete');
    else if (!access.superuser && access.role !== 'owner') throw new HttpError(403, message);
    deleteOrganizationCascade(dev, access.org.id);
    dev.events.emit('organization.deleted', orgEvent(access.org));
    return c.json({ success: true, message: 'Organization deleted successfully' });
  });

  app.get('/:org_id/settings', async (c) => {
    const access = await orgContext(c, pathId(c.req.param('org_id'), 'organization'));
    requireMember(access);
    return c.json(settingsRow(c.get('dev'), access.org));
  });

  app.put('/:org_id/settings', async (c) => {
    const dev = c.get('dev');
    const access = await orgContext(c, pathId(c.req.param('org_id'), 'organization'));
    requirePermission(access, 'org:update', 'Insufficient permissions');
    const body = await jsonBody(c, z.object({ settings_data: z.record(z.string(), z.unknown()) }));
    const merged = { ...(JSON.parse(access.org.settings) as Record<string, unknown>), ...body.settings_data };
    const now = dev.clock.now();
    sql(dev.db, 'UPDATE organizations SET settings = ?, updated_at = ? WHERE id = ?').run(
      JSON.stringify(merged),
      now,
      access.org.id,
    );
    const row = settingsRow(dev, access.org);
    sql(dev.db, 'UPDATE organization_settings SET updated_at = ? WHERE organization_id = ?').run(now, access.org.id);
    dev.events.emit('organization.updated', orgEvent(reload(dev, access.org.id)));
    return c.json({ ...row, updated_at: iso(now) });
  });

  // Members. `check-permission` is registered before `/:user_id` routes of the same depth.
  app.get('/:org_id/members/check-permission', async (c) => {
    const access = await orgContext(c, pathId(c.req.param('org_id'), 'organization'));
    const permission = c.req.query('permission') ?? '';
    let has: boolean;
    if (!access.visible) has = false;
    else if (permission.includes(':')) has = can(access, permission);
    else has = Object.hasOwn(ROLE_LEVELS, permission) && access.level >= levelOf(permission);
    return c.json({ has_permission: has, permission });
  });

  app.get('/:org_id/members', async (c) => {
    const dev = c.get('dev');
    const access = await orgContext(c, pathId(c.req.param('org_id'), 'organization'));
    requirePermission(access, 'org:read');
    const includeRemoved = c.req.query('include_removed') === 'true';
    const rows = sql(
      dev.db,
      `SELECT * FROM organization_members WHERE organization_id = ? AND (? OR status = 'active')
       ORDER BY joined_at, rowid`,
    ).all(access.org.id, includeRemoved ? 1 : 0) as MemberRow[];
    return c.json(rows.map(toMember));
  });

  app.post('/:org_id/members/add', async (c) => {
    const dev = c.get('dev');
    const access = await orgContext(c, pathId(c.req.param('org_id'), 'organization'));
    requirePermission(access, 'users:create');
    const body = await jsonBody(c, addMemberSchema);
    const userId = body.user_id.toLowerCase();
    requireKnownRole(dev, access.org.id, body.role);
    requireAssignable(access, body.role);
    const user = getUserById(dev, userId);
    if (!user || user.status === 'deleted') throw new HttpError(404, 'User not found');
    const existing = getMember(dev, access.org.id, userId);
    if (existing?.status === 'active') throw new HttpError(409, 'User is already a member of this organization');
    const now = dev.clock.now();
    const metadata = body.metadata ? JSON.stringify(body.metadata) : null;
    if (existing) {
      sql(
        dev.db,
        "UPDATE organization_members SET role = ?, status = 'active', metadata = ?, joined_at = ? WHERE id = ?",
      ).run(body.role, metadata, now, existing.id);
    } else {
      sql(
        dev.db,
        'INSERT INTO organization_members (id, organization_id, user_id, role, status, metadata, joined_at) VALUES (?,?,?,?,?,?,?)',
      ).run(randomUUID(), access.org.id, userId, body.role, 'active', metadata, now);
    }
    dev.events.emit('organization.member.added', { organization_id: access.org.id, user_id: userId, role: body.role });
    return c.json(toMember(getMember(dev, access.org.id, userId) as MemberRow));
  });

  app.patch('/:org_id/members/:user_id/role', async (c) => {
    const dev = c.get('dev');
    const access = await orgContext(c, pathId(c.req.param('org_id'), 'organization'));
    requirePermission(access, 'users:update');
    const userId = pathId(c.req.param('user_id'), 'user');
    const body = await jsonBody(c, z.object({ new_role: z.string().min(1).max(100) }));
    const target = getActiveMember(dev, access.org.id, userId);
    if (!target) throw new HttpError(404, 'Active member not found');
    return c.json(changeRole(dev, access, target, body.new_role));
  });

  app.delete('/:org_id/members/:user_id', async (c) => {
    const dev = c.get('dev');
    const access = await orgContext(c, pathId(c.req.param('org_id'), 'organization'));
    requirePermission(access, 'users:delete');
    const userId = pathId(c.req.param('user_id'), 'user');
    if (userId === access.actorId && access.principal.kind === 'user') {
      throw new HttpError(400, 'Cannot remove yourself from organization');
    }
    const target = getActiveMember(dev, access.org.id, userId);
    if (!target) throw new HttpError(404, 'Member not found');
    requireOutranks(access, target);
    if (target.role === 'owner' && countOwners(dev, access.org.id) <= 1) {
      throw new HttpError(400, 'Cannot remove the last owner');
    }
    sql(dev.db, "UPDATE organization_members SET status = 'removed' WHERE id = ?").run(target.id);
    dev.events.emit('organization.member.removed', {
      organization_id: access.org.id,
      user_id: userId,
      role: target.role,
    });
    return c.json({ message: 'Member removed successfully' });
  });

  return app;
}

/**
 * Changes a member's role with every §4.5 rule: the role exists, the caller may assign it and
 * out-ranks the member, and the last owner is never demoted. Shared with `POST /roles/assign`.
 */
export function changeRole(dev: Dev, access: OrgAccess, target: MemberRow, role: string) {
  requireKnownRole(dev, access.org.id, role);
  requireAssignable(access, role);
  requireOutranks(access, target);
  if (target.role === 'owner' && role !== 'owner' && countOwners(dev, access.org.id) <= 1) {
    throw new HttpError(400, 'Cannot demote the last owner');
  }
  sql(dev.db, 'UPDATE organization_members SET role = ? WHERE id = ?').run(role, target.id);
  if (target.role !== role) {
    dev.events.emit('organization.member.role_changed', {
      organization_id: access.org.id,
      user_id: target.user_id,
      role,
      previous_role: target.role,
    });
  }
  return toMember({ ...target, role });
}
