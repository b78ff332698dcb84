import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Dev, Env } from '../context';
import { HttpError } from '../errors';
import {
  accessTo,
  getActiveMember,
  getOrg,
  isSystemRole,
  type OrgAccess,
  type OrgRow,
  type RoleRow,
  SYSTEM_ROLE_PERMISSIONS,
  SYSTEM_ROLES,
  systemRoles,
  toRole,
} from '../services/orgs';
import { requirePrincipal, requireScope } from '../services/principal';
import { sql } from '../store/db';
import { jsonBody, pathId, uuidRe, validate } from '../validate';
import { changeRole } from './organizations';

const permission = z.string().regex(/^(\*|[a-z][a-z_-]*:(\*|[a-z][a-z_-]*))$/);
const createSchema = z.object({
  name: z.string().trim().min(1).max(100),
  description: z.string().max(500).nullish(),
  permissions: z.array(permission).max(200).default([]),
});
const updateSchema = z.object({
  name: z.string().trim().min(1).max(100).nullish(),
  description: z.string().max(500).nullish(),
  permissions: z.array(permission).max(200).nullish(),
});
const listQuery = z.object({
  include_system: z.enum(['true', 'false']).default('true'),
  page: z.coerce.number().int().min(1).default(1),
  per_page: z.coerce.number().int().min(1).max(100).default(20),
});

const PERMISSIONS = [
  { permission: 'org:read', description: 'Read the organization', category: 'organization' },
  { permission: 'org:update', description: 'Update the organization and its settings', category: 'organization' },
  { permission: 'org:delete', description: 'Delete the organization', category: 'organization' },
  { permission: 'users:read', description: 'List members', category: 'users' },
  { permission: 'users:create', description: 'Add members', category: 'users' },
  { permission: 'users:update', description: 'Change member roles', category: 'users' },
  { permission: 'users:delete', description: 'Remove members', category: 'users' },
  { permission: 'users:invite', description: 'Invite people by email', category: 'users' },
  { permission: 'webhooks:create', description: 'Create webhook endpoints', category: 'webhooks' },
  { permission: '*', description: 'Every permission', category: 'all' },
];

const ADMIN_REQUIRED = 'Admin access required for this organization';

const isAdmin = (a: OrgAccess) => a.visible && (a.superuser || a.level >= 2);

/**
 * The organization of `?organization_id`, which the caller must administer. Without it, the
 * caller's only admin organization (upstream answers 503 when there are several, §4.5; the dev
 * server says so with a 400).
 */
async function adminContext(c: Context<Env>, scope: string): Promise<OrgAccess> {
  const dev = c.get('dev');
  const principal = await requirePrincipal(c);
  const orgId = c.req.query('organization_id');
  let access: OrgAccess;
  if (orgId) {
    if (!uuidRe.test(orgId.toLowerCase())) throw new HttpError(400, 'Invalid organization ID');
    const org = getOrg(dev, orgId.toLowerCase());
    if (!org) throw new HttpError(404, 'Organization not found');
    access = accessTo(dev, principal, org);
  } else if (principal.kind === 'api_key') {
    access = accessTo(dev, principal, getOrg(dev, principal.key.organization_id) as OrgRow);
  } else {
    const candidates = (
      sql(
        dev.db,
        `SELECT o.* FROM organizations o WHERE o.owner_id = @uid OR EXISTS (SELECT 1 FROM organization_members m
         WHERE m.organization_id = o.id AND m.user_id = @uid AND m.status = 'active' AND m.role IN ('owner', 'admin'))`,
      ).all({ uid: principal.user.id }) as OrgRow[]
    ).map((o) => accessTo(dev, principal, o));
    if (candidates.length > 1) {
      throw new HttpError(400, 'organization_id is required when you administer several organizations');
    }
    const [only] = candidates;
    if (!only) throw new HttpError(403, ADMIN_REQUIRED);
    access = only;
  }
  if (access.principal.kind === 'api_key') {
    if (!access.visible) throw new HttpError(403, ADMIN_REQUIRED);
    requireScope(access.principal, scope);
  } else if (!isAdmin(access)) throw new HttpError(403, ADMIN_REQUIRED);
  return access;
}

function getRole(dev: Dev, orgId: string, id: string): RoleRow | undefined {
  return sql(dev.db, 'SELECT * FROM organization_roles WHERE id = ? AND organization_id = ?').get(id, orgId) as
    | RoleRow
    | undefined;
}

function requireFreeName(dev: Dev, orgId: string, name: string, except?: string): void {
  if (isSystemRole(name.toLowerCase())) throw new HttpError(400, `Cannot use a system role name: ${name}`);
  const clash = sql(dev.db, 'SELECT id FROM organization_roles WHERE organization_id = ? AND name = ?').get(
    orgId,
    name,
  ) as { id: string } | undefined;
  if (clash && clash.id !== except) throw new HttpError(400, 'Role name already exists');
}

/** The custom role of `:role_id`; system roles are read-only. */
function customRole(dev: Dev, access: OrgAccess, roleId: string): RoleRow {
  const id = pathId(roleId, 'role');
  if (systemRoles(access.org).some((r) => r.id === id)) throw new HttpError(400, 'Cannot modify system roles');
  const role = getRole(dev, access.org.id, id);
  if (!role) throw new HttpError(404, 'Role not found');
  return role;
}

/** §4.5 custom roles. Mounted at `/api/v1/roles`. */
export function roleRoutes(): Hono<Env> {
  const app = new Hono<Env>();

  app.get('/', async (c) => {
    const dev = c.get('dev');
    const access = await adminContext(c, 'roles:read');
    const q = validate(listQuery, c.req.query(), 'query');
    const custom = (
      sql(dev.db, 'SELECT * FROM organization_roles WHERE organization_id = ? ORDER BY created_at, rowid').all(
        access.org.id,
      ) as RoleRow[]
    ).map(toRole);
    const all = [...(q.include_system === 'true' ? systemRoles(access.org) : []), ...custom];
    return c.json({
      items: all.slice((q.page - 1) * q.per_page, q.page * q.per_page),
      total: all.length,
      page: q.page,
      per_page: q.per_page,
    });
  });

  app.post('/', async (c) => {
    const dev = c.get('dev');
    const access = await adminContext(c, 'roles:create');
    const body = await jsonBody(c, createSchema);
    requireFreeName(dev, access.org.id, body.name);
    const now = dev.clock.now();
    const id = randomUUID();
    sql(
      dev.db,
      'INSERT INTO organization_roles (id, organization_id, name, description, permissions, created_at, updated_at) VALUES (?,?,?,?,?,?,?)',
    ).run(
      id,
      access.org.id,
      body.name,
      body.description ?? null,
      JSON.stringify([...new Set(body.permissions)]),
      now,
      now,
    );
    return c.json(toRole(getRole(dev, access.org.id, id) as RoleRow), 201);
  });

  app.get('/system', async (c) => {
    await requirePrincipal(c);
    return c.json(SYSTEM_ROLES.map((name) => ({ name, permissions: SYSTEM_ROLE_PERMISSIONS[name] ?? [] })));
  });

  app.get('/permissions', async (c) => {
    await requirePrincipal(c);
    return c.json(PERMISSIONS);
  });

  app.post('/assign', async (c) => {
    const dev = c.get('dev');
    const access = await adminContext(c, 'users:update');
    const body = await jsonBody(
      c,
      z.object({ user_id: z.string().regex(uuidRe), role_name: z.string().min(1).max(100) }),
    );
    const target = getActiveMember(dev, access.org.id, body.user_id.toLowerCase());
    if (!target) throw new HttpError(404, 'Active member not found');
    changeRole(dev, access, target, body.role_name);
    return c.json({
      user_id: target.user_id,
      organization_id: access.org.id,
      role: body.role_name,
      message: 'Role assigned successfully',
    });
  });

  app.get('/:role_id', async (c) => {
    const dev = c.get('dev');
    const access = await adminContext(c, 'roles:read');
    const id = pathId(c.req.param('role_id'), 'role');
    const system = systemRoles(access.org).find((r) => r.id === id);
    if (system) return c.json(system);
    const role = getRole(dev, access.org.id, id);
    if (!role) throw new HttpError(404, 'Role not found');
    return c.json(toRole(role));
  });

  app.patch('/:role_id', async (c) => {
    const dev = c.get('dev');
    const access = await adminContext(c, 'roles:update');
    const role = customRole(dev, access, c.req.param('role_id'));
    const body = await jsonBody(c, updateSchema);
    const name = body.name ?? role.name;
    if (name !== role.name) requireFreeName(dev, access.org.id, name, role.id);
    const now = dev.clock.now();
    dev.db.transaction(() => {
      sql(
        dev.db,
        'UPDATE organization_roles SET name = ?, description = ?, permissions = ?, updated_at = ? WHERE id = ?',
      ).run(
        name,
        body.description !== undefined && body.description !== null ? body.description : role.description,
        body.permissions ? JSON.stringify([...new Set(body.permissions)]) : role.permissions,
        now,
        role.id,
      );
      // Members hold roles by name: a rename follows them.
      if (name !== role.name) {
        sql(dev.db, 'UPDATE organization_members SET role = ? WHERE organization_id = ? AND role = ?').run(
          name,
          access.org.id,
          role.name,
        );
      }
    })();
    return c.json(toRole(getRole(dev, access.org.id, role.id) as RoleRow));
  });

  app.delete('/:role_id', async (c) => {
    const dev = c.get('dev');
    const access = await adminContext(c, 'roles:delete');
    const role = customRole(dev, access, c.req.param('role_id'));
    const holders = sql(
      dev.db,
      "SELECT COUNT(*) AS n FROM organization_members WHERE organization_id = ? AND role = ? AND status = 'active'",
    ).get(access.org.id, role.name) as { n: number };
    if (holders.n > 0) throw new HttpError(400, `Role is assigned to ${holders.n} member(s)`);
    sql(dev.db, 'DELETE FROM organization_roles WHERE id = ?').run(role.id);
    return c.body(null, 204);
  });

  return app;
}
