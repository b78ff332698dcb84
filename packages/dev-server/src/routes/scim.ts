import { randomUUID } from 'node:crypto';
import { type Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ScimError as PatchError, type ScimPatchOperation, scimPatch } from 'scim-patch';
import { z } from 'zod';
import { iso } from '../clock';
import type { Dev, Env } from '../context';
import { errorEnvelope, HttpError } from '../errors';
import { ownedBy, recordAccountOrigin } from '../services/account-origins';
import { getMember, type MemberRow, NOT_A_MEMBER, orgContext } from '../services/orgs';
import { checkPasswordPolicy, hashPassword } from '../services/passwords';
import {
  findScimConfigByToken,
  getScimConfig,
  listScimLogRows,
  newScimToken,
  type ScimConfigRow,
  type ScimResourceRow,
  scimStatus,
  toScimConfig,
  toScimLog,
  writeScimLog,
} from '../services/scim';
import { revokeUserSessions } from '../services/sessions';
import { announceUserChange } from '../services/user-events';
import { getUserByEmail, getUserById, insertUser, type UserRow, updateUser } from '../services/users';
import { sql } from '../store/db';
import { optionalJsonBody, pathId } from '../validate';

const PROVIDERS = ['okta', 'azure_ad', 'onelogin', 'google_workspace', 'jumpcloud', 'ping_identity', 'custom'] as const;
const createSchema = z.object({
  provider: z.enum(PROVIDERS).optional(),
  enabled: z.boolean().optional(),
  base_url: z.string().max(2048).nullish(),
  configuration: z.record(z.string(), z.unknown()).optional(),
});
const updateSchema = z.object({
  provider: z.enum(PROVIDERS).optional(),
  enabled: z.boolean().optional(),
  configuration: z.record(z.string(), z.unknown()).optional(),
});

/** Platform admins, the organization's owner and its owner/admin members (and its own API keys). */
async function scimAdmin(c: Context<Env>) {
  const access = await orgContext(c, pathId(c.req.param('org_id') ?? '', 'organization'));
  if (!access.visible) throw new HttpError(403, NOT_A_MEMBER);
  if (!access.superuser && access.role !== 'owner' && access.role !== 'admin') {
    throw new HttpError(403, 'Only organization owners and admins can manage SCIM');
  }
  return access;
}

function requireConfig(dev: Dev, orgId: string): ScimConfigRow {
  const cfg = getScimConfig(dev, orgId);
  if (!cfg) throw new HttpError(404, 'SCIM configuration not found');
  return cfg;
}

/** §4.9 SCIM configuration, mounted under `/api/v1/organizations`. */
export function scimConfigRoutes(): Hono<Env> {
  const app = new Hono<Env>();

  app.post('/:org_id/scim/config', async (c) => {
    const dev = c.get('dev');
    const access = await scimAdmin(c);
    const body = await optionalJsonBody(c, createSchema);
    if (getScimConfig(dev, access.org.id)) throw new HttpError(409, 'SCIM configuration already exists');
    const now = dev.clock.now();
    // A token exists from the start, but only its prefix is ever shown: POST …/token reveals a new one.
    const { hash, prefix } = newScimToken();
    const id = randomUUID();
    sql(
      dev.db,
      `INSERT INTO scim_configs (id, organization_id, provider, enabled, base_url, token_hash, token_prefix, configuration, created_at, updated_at)
       VALUES (?,?,?,?,?,?,?,?,?,?)`,
    ).run(
      id,
      access.org.id,
      body.provider ?? 'custom',
      body.enabled ? 1 : 0,
      body.base_url ?? `${dev.config.url}/api/v1/scim/v2`,
      hash,
      prefix,
      JSON.stringify(body.configuration ?? {}),
      now,
      now,
    );
    dev.events.emit('scim.config.created', {
      organizationId: access.org.id,
      actorId: access.actorId,
      resourceType: 'scim_config',
      resourceId: id,
    });
    return c.json(toScimConfig(requireConfig(dev, access.org.id)), 201);
  });

  app.get('/:org_id/scim/config', async (c) => {
    const access = await scimAdmin(c);
    return c.json(toScimConfig(requireConfig(c.get('dev'), access.org.id)));
  });

  app.put('/:org_id/scim/config', async (c) => {
    const dev = c.get('dev');
    const access = await scimAdmin(c);
    const cfg = requireConfig(dev, access.org.id);
    const body = await optionalJsonBody(c, updateSchema);
    sql(
      dev.db,
      'UPDATE scim_configs SET provider = ?, enabled = ?, configuration = ?, updated_at = ? WHERE id = ?',
    ).run(
      body.provider ?? cfg.provider,
      body.enabled === undefined ? cfg.enabled : body.enabled ? 1 : 0,
      body.configuration === undefined ? cfg.configuration : JSON.stringify(body.configuration),
      dev.clock.now(),
      cfg.id,
    );
    dev.events.emit('scim.config.updated', {
      organizationId: access.org.id,
      actorId: access.actorId,
      resourceType: 'scim_config',
      resourceId: cfg.id,
      fields: Object.keys(body).join(','),
    });
    return c.json(toScimConfig(requireConfig(dev, access.org.id)));
  });

  app.delete('/:org_id/scim/config', async (c) => {
    const dev = c.get('dev');
    const access = await scimAdmin(c);
    const cfg = requireConfig(dev, access.org.id);
    // Provisioned users stay; only the SCIM mapping goes (the logs stay as history).
    sql(dev.db, 'DELETE FROM scim_resources WHERE organization_id = ?').run(access.org.id);
    sql(dev.db, 'DELETE FROM scim_configs WHERE id = ?').run(cfg.id);
    dev.events.emit('scim.config.deleted', {
      organizationId: access.org.id,
      actorId: access.actorId,
      resourceType: 'scim_config',
      resourceId: cfg.id,
    });
    return c.body(null, 204);
  });

  app.post('/:org_id/scim/config/token', async (c) => {
    const dev = c.get('dev');
    const access = await scimAdmin(c);
    const cfg = requireConfig(dev, access.org.id);
    const { token, hash, prefix } = newScimToken();
    sql(dev.db, 'UPDATE scim_configs SET token_hash = ?, token_prefix = ?, updated_at = ? WHERE id = ?').run(
      hash,
      prefix,
      dev.clock.now(),
      cfg.id,
    );
    dev.events.emit('scim.token.rotated', {
      organizationId: access.org.id,
      actorId: access.actorId,
      resourceType: 'scim_config',
      resourceId: cfg.id,
    });
    return c.json({
      bearer_token: token,
      message: 'SCIM bearer token generated. Store it securely: it will not be shown again.',
    });
  });

  app.get('/:org_id/scim/status', async (c) => {
    const dev = c.get('dev');
    const access = await scimAdmin(c);
    return c.json(scimStatus(dev, requireConfig(dev, access.org.id)));
  });

  app.get('/:org_id/scim/logs', async (c) => {
    const dev = c.get('dev');
    const access = await scimAdmin(c);
    requireConfig(dev, access.org.id);
    return c.json(listScimLogRows(dev, access.org.id).map(toScimLog));
  });

  return app;
}

// ---------------------------------------------------------------------------------------------
// SCIM 2.0 service provider (RFC 7643/7644) for IdPs.

const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const LIST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';
const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const SCIM_JSON = 'application/scim+json';

/** A SCIM error: rendered as the canonical envelope with the RFC 7644 error object as `message` (§2.1). */
class ScimHttpError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly scimType?: string,
  ) {
    super(detail);
  }
}

function toScimHttpError(err: unknown): ScimHttpError {
  if (err instanceof ScimHttpError) return err;
  if (err instanceof HttpError)
    return new ScimHttpError(err.status, err.message, err.status === 400 ? 'invalidValue' : undefined);
  if (err instanceof PatchError) {
    return new ScimHttpError(400, err.message, err.scimCode ?? 'invalidSyntax');
  }
  console.error('[janua-dev] SCIM handler failed', err);
  return new ScimHttpError(500, 'An unexpected error occurred');
}

function renderScimHttpError(c: Context<Env>, e: ScimHttpError): Response {
  const message = {
    schemas: [ERROR_SCHEMA],
    status: String(e.status),
    detail: e.detail,
    ...(e.scimType ? { scimType: e.scimType } : {}),
  };
  const code = e.status === 500 ? 'INTERNAL_ERROR' : 'HTTP_ERROR';
  return c.json(errorEnvelope(c.get('requestId'), code, message), e.status as ContentfulStatusCode);
}

const scimJson = (c: Context<Env>, body: unknown, status: ContentfulStatusCode = 200) =>
  c.body(JSON.stringify(body), status, { 'content-type': SCIM_JSON });

async function scimBody(c: Context<Env>): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  try {
    const parsed = JSON.parse(text) as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new ScimHttpError(400, 'Request body is not a JSON object', 'invalidSyntax');
}

function authenticate(c: Context<Env>): ScimConfigRow {
  const token = /^Bearer\s+(scim_\S+)$/i.exec(c.req.header('authorization')?.trim() ?? '')?.[1];
  const cfg = token ? findScimConfigByToken(c.get('dev'), token) : undefined;
  if (!cfg) throw new ScimHttpError(401, 'Invalid or missing SCIM bearer token');
  return cfg;
}

interface Call {
  dev: Dev;
  cfg: ScimConfigRow;
  base: string;
  /** Filled by the handler for the log line. */
  scimId: string | null;
  internalId: string | null;
}

/** Authenticates, runs `fn`, and writes the SCIM log line and the `scim.*` event of every call. */
function scim(resourceType: string, operation: string, fn: (c: Context<Env>, call: Call) => Promise<Response>) {
  return async (c: Context<Env>) => {
    const dev = c.get('dev');
    let cfg: ScimConfigRow;
    try {
      cfg = authenticate(c);
    } catch (err) {
      return renderScimHttpError(c, toScimHttpError(err));
    }
    const call: Call = {
      dev,
      cfg,
      base: `${dev.config.url}/api/v1/scim/v2`,
      scimId: c.req.param('id') ?? null,
      internalId: null,
    };
    let res: Response;
    let failure: ScimHttpError | null = null;
    try {
      if (cfg.enabled !== 1) throw new ScimHttpError(403, 'SCIM is not enabled for this organization');
      res = await fn(c, call);
    } catch (err) {
      failure = toScimHttpError(err);
      res = renderScimHttpError(c, failure);
    }
    writeScimLog(dev, {
      organizationId: cfg.organization_id,
      operation,
      resourceType,
      scimId: call.scimId,
      internalId: call.internalId,
      status: failure ? 'error' : 'success',
      errorMessage: failure?.detail ?? null,
      errorCode: failure ? (failure.scimType ?? String(failure.status)) : null,
    });
    dev.events.emit(`scim.${resourceType.toLowerCase()}.${operation}`, {
      organizationId: cfg.organization_id,
      resourceType: `scim_${resourceType.toLowerCase()}`,
      resourceId: call.scimId,
      userId: resourceType === 'User' ? call.internalId : null,
      status: failure ? 'error' : 'success',
      ...(failure ? { error: failure.detail } : {}),
    });
    return res;
  };
}

function getResource(dev: Dev, cfg: ScimConfigRow, type: 'User' | 'Group', id: string): ScimResourceRow {
  const row = sql(
    dev.db,
    'SELECT * FROM scim_resources WHERE id = ? AND organization_id = ? AND resource_type = ?',
  ).get(id, cfg.organization_id, type) as ScimResourceRow | undefined;
  if (!row) throw new ScimHttpError(404, `${type} ${id} not found`);
  // Defence in depth: a User resource reaches only an account this organization created, never a
  // platform admin, whatever rows exist; anything else looks unknown.
  if (type === 'User') {
    const user = row.internal_id ? getUserById(dev, row.internal_id) : undefined;
    if (!user || user.is_admin === 1 || !ownedBy(dev, user.id, cfg.organization_id))
      throw new ScimHttpError(404, `${type} ${id} not found`);
  }
  return row;
}

function groupsOf(dev: Dev, cfg: ScimConfigRow, userScimId: string) {
  const groups = sql(
    dev.db,
    "SELECT * FROM scim_resources WHERE organization_id = ? AND resource_type = 'Group' ORDER BY created_at, id",
  ).all(cfg.organization_id) as ScimResourceRow[];
  return groups.filter((g) => memberIds(g).includes(userScimId)).map((g) => ({ value: g.id, display: g.name }));
}

const memberIds = (g: ScimResourceRow) => ((JSON.parse(g.data) as { members?: string[] }).members ?? []) as string[];

/** The SCIM User, built from the real user row so the IdP sees what Janua holds. */
function toScimUser(call: Call, r: ScimResourceRow) {
  const u = getUserById(call.dev, r.internal_id ?? '') as UserRow;
  const data = JSON.parse(r.data) as { userName?: string };
  return {
    schemas: [USER_SCHEMA],
    id: r.id,
    ...(r.external_id ? { externalId: r.external_id } : {}),
    userName: data.userName ?? u.email,
    name: { givenName: u.first_name ?? undefined, familyName: u.last_name ?? undefined },
    ...(u.display_name ? { displayName: u.display_name } : {}),
    emails: [{ value: u.email, type: 'work', primary: true }],
    active: u.status === 'active',
    groups: groupsOf(call.dev, call.cfg, r.id),
    meta: {
      resourceType: 'User',
      created: iso(r.created_at),
      lastModified: iso(Math.max(r.updated_at, u.updated_at)),
      location: `${call.base}/Users/${r.id}`,
    },
  };
}

function toScimGroup(call: Call, g: ScimResourceRow) {
  const ids = memberIds(g);
  return {
    schemas: [GROUP_SCHEMA],
    id: g.id,
    ...(g.external_id ? { externalId: g.external_id } : {}),
    displayName: g.name,
    members: ids.map((id) => {
      const r = sql(call.dev.db, 'SELECT name FROM scim_resources WHERE id = ?').get(id) as
        | { name: string }
        | undefined;
      return { value: id, display: r?.name, $ref: `${call.base}/Users/${id}` };
    }),
    meta: {
      resourceType: 'Group',
      created: iso(g.created_at),
      lastModified: iso(g.updated_at),
      location: `${call.base}/Groups/${g.id}`,
    },
  };
}

const str = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : undefined);

interface UserInput {
  userName: string;
  email: string;
  externalId?: string;
  givenName?: string;
  familyName?: string;
  displayName?: string;
  active: boolean;
  password?: string;
}

function readUser(body: Record<string, unknown>): UserInput {
  const userName = str(body.userName);
  if (!userName) throw new ScimHttpError(400, 'userName is required', 'invalidValue');
  const emails = Array.isArray(body.emails) ? (body.emails as { value?: unknown; primary?: unknown }[]) : [];
  const email = str((emails.find((e) => e?.primary === true) ?? emails[0])?.value) ?? userName;
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) {
    throw new ScimHttpError(400, 'userName or a primary email must be an email address', 'invalidValue');
  }
  const name = (body.name ?? {}) as Record<string, unknown>;
  const active = body.active === undefined ? true : body.active === true || body.active === 'true';
  return {
    userName,
    email: email.toLowerCase(),
    externalId: str(body.externalId),
    givenName: str(name.givenName),
    familyName: str(name.familyName),
    displayName: str(body.displayName),
    active,
    password: str(body.password),
  };
}

function ensureMembership(dev: Dev, orgId: string, userId: string): void {
  const m = getMember(dev, orgId, userId);
  if (m?.status === 'active') return;
  if (m)
    sql(dev.db, "UPDATE organization_members SET status = 'active', joined_at = ? WHERE id = ?").run(
      dev.clock.now(),
      m.id,
    );
  else {
    sql(
      dev.db,
      'INSERT INTO organization_members (id, organization_id, user_id, role, status, joined_at) VALUES (?,?,?,?,?,?)',
    ).run(randomUUID(), orgId, userId, 'member', 'active', dev.clock.now());
  }
  dev.events.emit('organization.member.added', { organization_id: orgId, user_id: userId, role: m?.role ?? 'member' });
}

/**
 * Applies a full SCIM User to the real user: profile, password, active state, membership, and
 * announces what changed, each event once (§4.8). A user this request creates is announced here
 * as `user.created` with its SCIM fields, before anything that happens to it (membership, then a
 * suspension), so a receiver never hears of an account it does not know yet.
 */
async function applyUser(call: Call, user: UserRow, input: UserInput, isNew = false): Promise<UserRow> {
  const { dev, cfg } = call;
  const fields: Record<string, unknown> = {
    first_name: input.givenName ?? null,
    last_name: input.familyName ?? null,
    display_name: input.displayName ?? null,
  };
  if (input.email !== user.email) {
    const other = getUserByEmail(dev, input.email);
    if (other && other.id !== user.id)
      throw new ScimHttpError(409, 'A user with this email already exists', 'uniqueness');
    fields.email = input.email;
  }
  if (input.password) {
    checkPasswordPolicy(input.password);
    fields.password_hash = await hashPassword(input.password, dev.config.scryptN);
  }
  if (!input.active && user.status !== 'suspended') fields.status = 'suspended';
  if (input.active && user.status === 'suspended') fields.status = 'active';
  const updated = updateUser(dev, user.id, fields);
  if (isNew) dev.events.emit('user.created', { user: updated, via: 'scim' });
  const extra: Record<string, unknown> = {};
  if (!input.active) {
    extra.reason = 'scim_deprovisioned';
    extra.sessions_revoked = revokeUserSessions(dev, user.id, null, 'scim_deprovisioned');
  } else ensureMembership(dev, cfg.organization_id, user.id);
  announceUserChange(dev, user, updated, extra, isNew ? ['user.suspended'] : undefined);
  if (input.password) dev.events.emit('security.password.changed', { user_id: user.id, via: 'scim' });
  return getUserById(dev, user.id) as UserRow;
}

function saveUserResource(call: Call, id: string, userId: string, input: UserInput, isNew: boolean): ScimResourceRow {
  const { dev, cfg } = call;
  const now = dev.clock.now();
  const data = JSON.stringify({ userName: input.userName });
  if (isNew) {
    sql(
      dev.db,
      `INSERT INTO scim_resources (id, organization_id, resource_type, internal_id, external_id, name, data, status, created_at, updated_at)
       VALUES (?,?,'User',?,?,?,?,'synced',?,?)`,
    ).run(id, cfg.organization_id, userId, input.externalId ?? null, input.userName, data, now, now);
  } else {
    sql(dev.db, 'UPDATE scim_resources SET external_id = ?, name = ?, data = ?, updated_at = ? WHERE id = ?').run(
      input.externalId ?? null,
      input.userName,
      data,
      now,
      id,
    );
  }
  return getResource(dev, cfg, 'User', id);
}

async function replaceUser(call: Call, row: ScimResourceRow, body: Record<string, unknown>) {
  const input = readUser(body);
  const clash = call.dev.db
    .prepare(
      "SELECT id FROM scim_resources WHERE organization_id = ? AND resource_type = 'User' AND name = ? AND id != ?",
    )
    .get(call.cfg.organization_id, input.userName, row.id);
  if (clash) throw new ScimHttpError(409, `userName ${input.userName} is already taken`, 'uniqueness');
  const user = getUserById(call.dev, row.internal_id ?? '') as UserRow;
  await applyUser(call, user, input);
  return saveUserResource(call, row.id, user.id, input, false);
}

/** `attr eq "value"` — the only filter IdPs need for matching (RFC 7644 §3.4.2.2 subset). */
function parseFilter(
  filter: string | undefined,
  allowed: Record<string, string>,
): { where: string; value: string } | null {
  if (filter === undefined || filter.trim() === '') return null;
  const m = /^\s*([A-Za-z.]+)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$/i.exec(filter);
  const where = m ? allowed[(m[1] as string).toLowerCase()] : undefined;
  if (!m || !where) throw new ScimHttpError(400, `Unsupported filter: ${filter}`, 'invalidFilter');
  return { where, value: (m[2] as string).replace(/\\(.)/g, '$1') };
}

function listQuery(c: Context<Env>) {
  const startIndex = Math.max(1, Number.parseInt(c.req.query('startIndex') ?? '1', 10) || 1);
  const rawCount = Number.parseInt(c.req.query('count') ?? '100', 10);
  const count = Math.min(1000, Math.max(0, Number.isNaN(rawCount) ? 100 : rawCount));
  return { startIndex, count };
}

function listResponse(resources: unknown[], total: number, startIndex: number) {
  return {
    schemas: [LIST_SCHEMA],
    totalResults: total,
    startIndex,
    itemsPerPage: resources.length,
    Resources: resources,
  };
}

function applyPatch<T extends object>(resource: T, body: Record<string, unknown>): T {
  const schemas = body.schemas;
  if (!Array.isArray(schemas) || !schemas.includes(PATCH_SCHEMA) || !Array.isArray(body.Operations)) {
    throw new ScimHttpError(400, 'A PatchOp message with Operations is required', 'invalidSyntax');
  }
  // scim-patch matches op names case-sensitively; Azure AD sends "Replace"/"Add".
  const ops = (body.Operations as Record<string, unknown>[]).map((o) => ({
    ...o,
    op: typeof o.op === 'string' ? o.op.toLowerCase() : o.op,
  })) as ScimPatchOperation[];
  // biome-ignore lint/suspicious/noExplicitAny: scim-patch's ScimResource needs schemas/meta it does not use
  return scimPatch(resource as any, ops, { mutateDocument: false }) as T;
}

function setGroupMembers(call: Call, ids: string[]): string[] {
  const unique = [...new Set(ids)];
  for (const id of unique) {
    const r = call.dev.db
      .prepare("SELECT 1 FROM scim_resources WHERE id = ? AND organization_id = ? AND resource_type = 'User'")
      .get(id, call.cfg.organization_id);
    if (!r) throw new ScimHttpError(400, `Member ${id} is not a provisioned user`, 'invalidValue');
  }
  return unique;
}

/**
 * Groups are SCIM-side sets of provisioned users; in Janua each member's organization membership
 * carries the names of its groups in `metadata.scim_groups` (the role stays the default one).
 */
function syncMemberMetadata(call: Call, scimUserIds: string[]): void {
  const { dev, cfg } = call;
  for (const scimId of new Set(scimUserIds)) {
    const r = sql(dev.db, 'SELECT internal_id FROM scim_resources WHERE id = ?').get(scimId) as
      | { internal_id: string }
      | undefined;
    if (!r) continue;
    const m = getMember(dev, cfg.organization_id, r.internal_id) as MemberRow | undefined;
    if (!m) continue;
    const meta = { ...((m.metadata ? JSON.parse(m.metadata) : {}) as Record<string, unknown>) };
    meta.scim_groups = groupsOf(dev, cfg, scimId).map((g) => g.display);
    sql(dev.db, 'UPDATE organization_members SET metadata = ? WHERE id = ?').run(JSON.stringify(meta), m.id);
  }
}

function readGroup(body: Record<string, unknown>) {
  const displayName = str(body.displayName);
  if (!displayName) throw new ScimHttpError(400, 'displayName is required', 'invalidValue');
  const members = Array.isArray(body.members) ? (body.members as { value?: unknown }[]) : [];
  return {
    displayName,
    externalId: str(body.externalId),
    members: members.map((m) => str(m?.value)).filter((v): v is string => !!v),
  };
}

function saveGroup(call: Call, id: string, input: ReturnType<typeof readGroup>, isNew: boolean): ScimResourceRow {
  const { dev, cfg } = call;
  const clash = dev.db
    .prepare(
      "SELECT id FROM scim_resources WHERE organization_id = ? AND resource_type = 'Group' AND name = ? AND id != ?",
    )
    .get(cfg.organization_id, input.displayName, id);
  if (clash) throw new ScimHttpError(409, `Group ${input.displayName} already exists`, 'uniqueness');
  const before = isNew ? [] : memberIds(getResource(dev, cfg, 'Group', id));
  const members = setGroupMembers(call, input.members);
  const now = dev.clock.now();
  const data = JSON.stringify({ members });
  if (isNew) {
    sql(
      dev.db,
      `INSERT INTO scim_resources (id, organization_id, resource_type, internal_id, external_id, name, data, status, created_at, updated_at)
       VALUES (?,?,'Group',NULL,?,?,?,'synced',?,?)`,
    ).run(id, cfg.organization_id, input.externalId ?? null, input.displayName, data, now, now);
  } else {
    sql(dev.db, 'UPDATE scim_resources SET external_id = ?, name = ?, data = ?, updated_at = ? WHERE id = ?').run(
      input.externalId ?? null,
      input.displayName,
      data,
      now,
      id,
    );
  }
  syncMemberMetadata(call, [...before, ...members]);
  return getResource(dev, cfg, 'Group', id);
}

/** §4.9 SCIM 2.0 service endpoints, mounted at `/api/v1/scim/v2`. */
export function scimServiceRoutes(): Hono<Env> {
  const app = new Hono<Env>();

  app.get(
    '/ServiceProviderConfig',
    scim('ServiceProviderConfig', 'read', async (c) =>
      scimJson(c, {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
        patch: { supported: true },
        bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
        filter: { supported: true, maxResults: 1000 },
        changePassword: { supported: true },
        sort: { supported: false },
        etag: { supported: false },
        authenticationSchemes: [
          {
            type: 'oauthbearertoken',
            name: 'OAuth Bearer Token',
            description: 'The SCIM token of the organization',
            primary: true,
          },
        ],
      }),
    ),
  );

  app.get(
    '/Schemas',
    scim('Schema', 'list', async (c) => {
      const attr = (name: string, type = 'string', extra: Record<string, unknown> = {}) => ({
        name,
        type,
        multiValued: false,
        required: false,
        mutability: 'readWrite',
        returned: 'default',
        ...extra,
      });
      const schemas = [
        {
          id: USER_SCHEMA,
          name: 'User',
          attributes: [
            attr('userName', 'string', { required: true, uniqueness: 'server' }),
            attr('name', 'complex'),
            attr('displayName'),
            attr('emails', 'complex', { multiValued: true }),
            attr('active', 'boolean'),
            attr('password', 'string', { mutability: 'writeOnly', returned: 'never' }),
            attr('groups', 'complex', { multiValued: true, mutability: 'readOnly' }),
          ],
        },
        {
          id: GROUP_SCHEMA,
          name: 'Group',
          attributes: [
            attr('displayName', 'string', { required: true }),
            attr('members', 'complex', { multiValued: true }),
          ],
        },
      ];
      return scimJson(c, listResponse(schemas, schemas.length, 1));
    }),
  );

  app.get(
    '/ResourceTypes',
    scim('ResourceType', 'list', async (c) => {
      const types = [
        {
          schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
          id: 'User',
          name: 'User',
          endpoint: '/Users',
          schema: USER_SCHEMA,
        },
        {
          schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
          id: 'Group',
          name: 'Group',
          endpoint: '/Groups',
          schema: GROUP_SCHEMA,
        },
      ];
      return scimJson(c, listResponse(types, types.length, 1));
    }),
  );

  const list = (type: 'User' | 'Group', allowed: Record<string, string>) =>
    scim(type, 'list', async (c, call) => {
      const filter = parseFilter(c.req.query('filter'), allowed);
      const { startIndex, count } = listQuery(c);
      const where = `organization_id = ? AND resource_type = ?${filter ? ` AND ${filter.where}` : ''}`;
      const args = [call.cfg.organization_id, type, ...(filter ? [filter.value] : [])];
      const total = (
        call.dev.db.prepare(`SELECT COUNT(*) AS n FROM scim_resources WHERE ${where}`).get(...args) as { n: number }
      ).n;
      const rows = call.dev.db
        .prepare(`SELECT * FROM scim_resources WHERE ${where} ORDER BY created_at, id LIMIT ? OFFSET ?`)
        .all(...args, count, startIndex - 1) as ScimResourceRow[];
      const resources = rows.map((r) => (type === 'User' ? toScimUser(call, r) : toScimGroup(call, r)));
      return scimJson(c, listResponse(resources, total, startIndex));
    });

  // `email eq` matches the Janua user's address through the users table.
  app.get(
    '/Users',
    list('User', {
      username: 'name = ? COLLATE NOCASE',
      externalid: 'external_id = ?',
      id: 'id = ?',
      email: 'internal_id IN (SELECT id FROM users WHERE email = lower(?))',
      'emails.value': 'internal_id IN (SELECT id FROM users WHERE email = lower(?))',
    }),
  );
  app.get(
    '/Groups',
    list('Group', { displayname: 'name = ? COLLATE NOCASE', externalid: 'external_id = ?', id: 'id = ?' }),
  );

  app.post(
    '/Users',
    scim('User', 'create', async (c, call) => {
      const { dev, cfg } = call;
      const input = readUser(await scimBody(c));
      const taken = dev.db
        .prepare("SELECT id FROM scim_resources WHERE organization_id = ? AND resource_type = 'User' AND name = ?")
        .get(cfg.organization_id, input.userName);
      if (taken) throw new ScimHttpError(409, `userName ${input.userName} is already provisioned`, 'uniqueness');
      // An existing account is linked only when this organization created it (its SCIM earlier, or
      // JIT through its SSO); anyone else's account (and a platform admin, always) is a uniqueness
      // conflict: linking it would let the organization set its password, email and status.
      let user = getUserByEmail(dev, input.email);
      if (user && (user.status === 'deleted' || user.is_admin === 1 || !ownedBy(dev, user.id, cfg.organization_id)))
        throw new ScimHttpError(409, 'A user with this email already exists', 'uniqueness');
      const linked = !!user;
      if (linked && input.password)
        throw new ScimHttpError(400, 'Cannot set the password of an existing account', 'mutability');
      if (!user) {
        // Checked before the insert, so a refused password leaves no half-provisioned account.
        if (input.password) checkPasswordPolicy(input.password);
        user = insertUser(dev, { id: randomUUID(), email: input.email, email_verified: 1 });
        recordAccountOrigin(dev, user.id, cfg.organization_id, 'scim', null);
      }
      const id = user.id;
      call.scimId = id;
      call.internalId = user.id;
      // A new account is announced inside applyUser, with the names the IdP sent.
      await applyUser(call, user, input, !linked);
      const row = saveUserResource(call, id, user.id, input, true);
      const body = toScimUser(call, row);
      return c.body(JSON.stringify(body), 201, { 'content-type': SCIM_JSON, location: body.meta.location });
    }),
  );

  app.get(
    '/Users/:id',
    scim('User', 'read', async (c, call) => {
      const row = getResource(call.dev, call.cfg, 'User', c.req.param('id') ?? '');
      call.internalId = row.internal_id;
      return scimJson(c, toScimUser(call, row));
    }),
  );

  app.put(
    '/Users/:id',
    scim('User', 'replace', async (c, call) => {
      const row = getResource(call.dev, call.cfg, 'User', c.req.param('id') ?? '');
      call.internalId = row.internal_id;
      return scimJson(c, toScimUser(call, await replaceUser(call, row, await scimBody(c))));
    }),
  );

  app.patch(
    '/Users/:id',
    scim('User', 'patch', async (c, call) => {
      const row = getResource(call.dev, call.cfg, 'User', c.req.param('id') ?? '');
      call.internalId = row.internal_id;
      const patched = applyPatch(toScimUser(call, row), await scimBody(c));
      return scimJson(c, toScimUser(call, await replaceUser(call, row, patched as Record<string, unknown>)));
    }),
  );

  app.delete(
    '/Users/:id',
    scim('User', 'delete', async (c, call) => {
      const { dev, cfg } = call;
      const row = getResource(dev, cfg, 'User', c.req.param('id') ?? '');
      call.internalId = row.internal_id;
      const userId = row.internal_id as string;
      // Deprovisioning: out of every SCIM group, out of the organization, suspended, signed out.
      const groups = groupsOf(dev, cfg, row.id);
      for (const g of groups) {
        const grp = getResource(dev, cfg, 'Group', g.value);
        const members = memberIds(grp).filter((m) => m !== row.id);
        sql(dev.db, 'UPDATE scim_resources SET data = ?, updated_at = ? WHERE id = ?').run(
          JSON.stringify({ members }),
          dev.clock.now(),
          grp.id,
        );
      }
      sql(dev.db, 'DELETE FROM scim_resources WHERE id = ?').run(row.id);
      const m = getMember(dev, cfg.organization_id, userId);
      if (m && m.status === 'active') {
        sql(dev.db, "UPDATE organization_members SET status = 'removed' WHERE id = ?").run(m.id);
        dev.events.emit('organization.member.removed', {
          organization_id: cfg.organization_id,
          user_id: userId,
          role: m.role,
        });
      }
      const user = getUserById(dev, userId) as UserRow;
      if (user.status === 'active') {
        const updated = updateUser(dev, userId, { status: 'suspended' });
        dev.events.emit('user.suspended', { user: updated, reason: 'scim_deleted' });
      }
      revokeUserSessions(dev, userId, null, 'scim_deleted');
      return c.body(null, 204);
    }),
  );

  app.post(
    '/Groups',
    scim('Group', 'create', async (c, call) => {
      const input = readGroup(await scimBody(c));
      const id = randomUUID();
      call.scimId = id;
      const body = toScimGroup(call, saveGroup(call, id, input, true));
      return c.body(JSON.stringify(body), 201, { 'content-type': SCIM_JSON, location: body.meta.location });
    }),
  );

  app.get(
    '/Groups/:id',
    scim('Group', 'read', async (c, call) =>
      scimJson(c, toScimGroup(call, getResource(call.dev, call.cfg, 'Group', c.req.param('id') ?? ''))),
    ),
  );

  app.put(
    '/Groups/:id',
    scim('Group', 'replace', async (c, call) => {
      const row = getResource(call.dev, call.cfg, 'Group', c.req.param('id') ?? '');
      return scimJson(c, toScimGroup(call, saveGroup(call, row.id, readGroup(await scimBody(c)), false)));
    }),
  );

  app.patch(
    '/Groups/:id',
    scim('Group', 'patch', async (c, call) => {
      const row = getResource(call.dev, call.cfg, 'Group', c.req.param('id') ?? '');
      const patched = applyPatch(toScimGroup(call, row), await scimBody(c));
      return scimJson(
        c,
        toScimGroup(call, saveGroup(call, row.id, readGroup(patched as Record<string, unknown>), false)),
      );
    }),
  );

  app.delete(
    '/Groups/:id',
    scim('Group', 'delete', async (c, call) => {
      const row = getResource(call.dev, call.cfg, 'Group', c.req.param('id') ?? '');
      const members = memberIds(row);
      sql(call.dev.db, 'DELETE FROM scim_resources WHERE id = ?').run(row.id);
      syncMemberMetadata(call, members);
      return c.body(null, 204);
    }),
  );

  return app;
}
