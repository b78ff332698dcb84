import type { Context } from 'hono';
import { iso } from '../clock';
import type { Dev, Env } from '../context';
import { HttpError } from '../errors';
import { sql } from '../store/db';
import { type Principal, requirePrincipal, requireScope } from './principal';
import { getUserById } from './users';

export interface OrgRow {
  id: string;
  name: string;
  slug: string;
  description: string | null;
  logo_url: string | null;
  billing_email: string | null;
  owner_id: string;
  settings: string;
  created_at: number;
  updated_at: number;
}

export interface MemberRow {
  id: string;
  organization_id: string;
  user_id: string;
  role: string;
  status: string;
  metadata: string | null;
  joined_at: number;
}

export interface RoleRow {
  id: string;
  organization_id: string;
  name: string;
  description: string | null;
  permissions: string;
  created_at: number;
  updated_at: number;
}

/** Contract §4.5 hierarchy. Custom roles rank as `member`: they can never out-rank an admin. */
export const ROLE_LEVELS: Record<string, number> = { owner: 3, admin: 2, member: 1, viewer: 0, guest: 0 };
export const SYSTEM_ROLES = ['owner', 'admin', 'member', 'viewer', 'guest'] as const;
const CUSTOM_ROLE_LEVEL = 1;
const OWNER_LEVEL = 3;

/** RBAC permissions of the system roles (§4.5); `*` suffix = any action. */
export const SYSTEM_ROLE_PERMISSIONS: Record<string, string[]> = {
  owner: ['org:*', 'users:*'],
  admin: ['org:read', 'org:update', 'users:*'],
  member: ['org:read', 'users:read'],
  viewer: ['org:read'],
  guest: [],
};

const SYSTEM_ROLE_DESCRIPTIONS: Record<string, string> = {
  owner: 'Full control of the organization, its members and billing',
  admin: 'Manage the organization settings and its members',
  member: 'Read the organization and its members',
  viewer: 'Read the organization',
  guest: 'No permissions',
};

/** True when `held` grants `needed` (`*`, `resource:*` or the exact permission). */
export function grants(held: readonly string[], needed: string): boolean {
  const [resource] = needed.split(':');
  return held.includes('*') || held.includes(needed) || held.includes(`${resource}:*`);
}

export const isSystemRole = (name: string) => (SYSTEM_ROLES as readonly string[]).includes(name);

export const levelOf = (role: string) => ROLE_LEVELS[role] ?? CUSTOM_ROLE_LEVEL;

/** What the caller may do in one organization. */
export interface OrgAccess {
  org: OrgRow;
  principal: Principal;
  /** The caller's user id (the API key's creator for the key principal), for `invited_by` etc. */
  actorId: string | null;
  /** The caller's active membership role, or null. */
  role: string | null;
  /** Whether the caller may see the organization at all. */
  visible: boolean;
  /** Platform admin, the organization's `owner_id`, or the organization's own API key. */
  superuser: boolean;
  /** Hierarchy level used by "cannot assign above your own role". */
  level: number;
  permissions: string[];
}

export function getOrg(dev: Dev, id: string): OrgRow | undefined {
  return sql(dev.db, 'SELECT * FROM organizations WHERE id = ?').get(id) as OrgRow | undefined;
}

export function getOrgBySlug(dev: Dev, slug: string): OrgRow | undefined {
  return sql(dev.db, 'SELECT * FROM organizations WHERE slug = ?').get(slug) as OrgRow | undefined;
}

export function getMember(dev: Dev, orgId: string, userId: string): MemberRow | undefined {
  return sql(dev.db, 'SELECT * FROM organization_members WHERE organization_id = ? AND user_id = ?').get(
    orgId,
    userId,
  ) as MemberRow | undefined;
}

export function getActiveMember(dev: Dev, orgId: string, userId: string): MemberRow | undefined {
  const m = getMember(dev, orgId, userId);
  return m?.status === 'active' ? m : undefined;
}

export function getCustomRole(dev: Dev, orgId: string, name: string): RoleRow | undefined {
  return sql(dev.db, 'SELECT * FROM organization_roles WHERE organization_id = ? AND name = ?').get(orgId, name) as
    | RoleRow
    | undefined;
}

/** The permissions a role name carries in an organization (system or custom). */
export function permissionsOf(dev: Dev, orgId: string, role: string): string[] {
  const system = SYSTEM_ROLE_PERMISSIONS[role];
  if (system) return system;
  const custom = getCustomRole(dev, orgId, role);
  return custom ? (JSON.parse(custom.permissions) as string[]) : [];
}

/** Resolves what `principal` may do in `org`. */
export function accessTo(dev: Dev, principal: Principal, org: OrgRow): OrgAccess {
  if (principal.kind === 'api_key') {
    const own = principal.key.organization_id === org.id;
    return {
      org,
      principal,
      actorId: principal.key.user_id,
      role: null,
      visible: own,
      superuser: own,
      level: own ? OWNER_LEVEL : -1,
      permissions: [],
    };
  }
  const { user } = principal;
  const member = getActiveMember(dev, org.id, user.id);
  const superuser = user.is_admin === 1 || org.owner_id === user.id;
  return {
    org,
    principal,
    actorId: user.id,
    role: member?.role ?? null,
    visible: superuser || !!member,
    superuser,
    level: superuser ? OWNER_LEVEL : member ? levelOf(member.role) : -1,
    permissions: member ? permissionsOf(dev, org.id, member.role) : [],
  };
}

/** Whether the caller holds an RBAC permission (API keys: the scope of the same name). */
export function can(access: OrgAccess, permission: string): boolean {
  if (!access.visible) return false;
  const p = access.principal;
  if (p.kind === 'api_key') return grants(p.scopes, permission);
  return access.superuser || grants(access.permissions, permission);
}

export const NOT_A_MEMBER = 'Not a member of this organization';

/**
 * 403 `Not a member of this organization` for outsiders, else 403 with `message` (default
 * `Permission denied: <permission>`, §4.5) unless the caller holds the permission.
 */
export function requirePermission(access: OrgAccess, permission: string, message?: string): void {
  if (!access.visible) throw new HttpError(403, NOT_A_MEMBER);
  if (access.principal.kind === 'api_key') {
    requireScope(access.principal, permission);
    return;
  }
  if (!can(access, permission)) throw new HttpError(403, message ?? `Permission denied: ${permission}`);
}

/** Loads the organization (404 `Organization not found`) and the caller's access to it. */
export async function orgContext(c: Context<Env>, orgId: string): Promise<OrgAccess> {
  const principal = await requirePrincipal(c);
  const dev = c.get('dev');
  const org = getOrg(dev, orgId);
  if (!org) throw new HttpError(404, 'Organization not found');
  return accessTo(dev, principal, org);
}

/** A role name that exists in the organization (system or custom); 400 otherwise. */
export function requireKnownRole(dev: Dev, orgId: string, role: string): void {
  if (!isSystemRole(role) && !getCustomRole(dev, orgId, role)) throw new HttpError(400, `Invalid role: ${role}`);
}

/** "Cannot assign above your own role" (§4.5). */
export function requireAssignable(access: OrgAccess, role: string): void {
  if (levelOf(role) > access.level) throw new HttpError(403, 'Cannot assign role higher than your own');
}

export function countOwners(dev: Dev, orgId: string): number {
  return (
    sql(
      dev.db,
      "SELECT COUNT(*) AS n FROM organization_members WHERE organization_id = ? AND role = 'owner' AND status = 'active'",
    ).get(orgId) as { n: number }
  ).n;
}

export function memberCount(dev: Dev, orgId: string): number {
  return (
    sql(dev.db, "SELECT COUNT(*) AS n FROM organization_members WHERE organization_id = ? AND status = 'active'").get(
      orgId,
    ) as { n: number }
  ).n;
}

/** `Organization` (§4.0). `visible` = false gives the non-member view of the slug route. */
export function toOrganization(dev: Dev, o: OrgRow, opts: { visible?: boolean; listed?: boolean } = {}) {
  const visible = opts.visible ?? true;
  return {
    id: o.id,
    name: o.name,
    slug: o.slug,
    description: o.description,
    logo_url: o.logo_url,
    billing_email: visible ? o.billing_email : null,
    created_at: iso(o.created_at),
    updated_at: iso(o.updated_at),
    member_count: visible ? memberCount(dev, o.id) : null,
    settings: visible ? (JSON.parse(o.settings) as Record<string, unknown>) : {},
    plan: opts.listed ? 'community' : null,
    owner_email: opts.listed ? (getUserById(dev, o.owner_id)?.email ?? null) : null,
  };
}

/** `OrganizationDetail` (§4.0). */
export function toOrganizationDetail(dev: Dev, o: OrgRow) {
  const owner = getUserById(dev, o.owner_id);
  return {
    ...toOrganization(dev, o),
    owner: {
      id: o.owner_id,
      email: owner?.email ?? '',
      first_name: owner?.first_name ?? null,
      last_name: owner?.last_name ?? null,
      avatar_url: owner?.profile_image_url ?? null,
    },
    subscription_status: null,
    subscription_plan: null,
  };
}

/** `OrganizationMember` (§4.0). */
export function toMember(m: MemberRow) {
  return {
    id: m.id,
    user_id: m.user_id,
    organization_id: m.organization_id,
    role: m.role,
    status: m.status,
    joined_at: iso(m.joined_at),
    metadata: m.metadata === null ? null : (JSON.parse(m.metadata) as Record<string, unknown>),
  };
}

/** `Role` (§4.5). */
export function toRole(r: RoleRow) {
  return {
    id: r.id,
    organization_id: r.organization_id,
    name: r.name,
    description: r.description,
    permissions: JSON.parse(r.permissions) as string[],
    is_system: false,
    created_at: iso(r.created_at),
    updated_at: iso(r.updated_at),
  };
}

/**
 * The system roles as `Role` objects of one organization. Their ids are derived from the
 * organization id, so they are stable without being stored.
 */
export function systemRoles(o: OrgRow) {
  return SYSTEM_ROLES.map((name, i) => ({
    id: `${o.id.slice(0, 24)}${(0x5e0000000000 + i).toString(16).padStart(12, '0')}`,
    organization_id: o.id,
    name,
    description: SYSTEM_ROLE_DESCRIPTIONS[name] ?? null,
    permissions: SYSTEM_ROLE_PERMISSIONS[name] ?? [],
    is_system: true,
    created_at: iso(o.created_at),
    updated_at: iso(o.created_at),
  }));
}

/**
 * Deletes an organization with every row that references it, following the foreign keys of
 * whatever tables other domains added (webhooks, API keys, SSO...), so deleting never fails on
 * a constraint this module does not know about.
 */
export function deleteOrganizationCascade(dev: Dev, orgId: string): void {
  const tables = (
    dev.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as {
      name: string;
    }[]
  ).map((t) => t.name);
  const refs = new Map<string, { table: string; column: string; to: string }[]>();
  for (const table of tables) {
    const fks = dev.db.prepare(`PRAGMA foreign_key_list("${table}")`).all() as {
      table: string;
      from: string;
      to: string;
    }[];
    for (const fk of fks) {
      const list = refs.get(fk.table) ?? [];
      list.push({ table, column: fk.from, to: fk.to ?? 'id' });
      refs.set(fk.table, list);
    }
  }
  const remove = (table: string, column: string, values: unknown[], depth: number) => {
    if (values.length === 0 || depth > 5) return;
    const marks = values.map(() => '?').join(',');
    for (const child of refs.get(table) ?? []) {
      if (child.table === table) continue;
      const keys = (
        dev.db.prepare(`SELECT "${child.to}" AS k FROM "${table}" WHERE "${column}" IN (${marks})`).all(...values) as {
          k: unknown;
        }[]
      ).map((r) => r.k);
      remove(child.table, child.column, keys, depth + 1);
    }
    dev.db.prepare(`DELETE FROM "${table}" WHERE "${column}" IN (${marks})`).run(...values);
  };
  dev.db.transaction(() => remove('organizations', 'id', [orgId], 0))();
}
