import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { iso, isoNaive } from '../clock';
import type { Dev, Env } from '../context';
import { HttpError } from '../errors';
import { type ApiKeyRow, findApiKey, hashApiKey, insertApiKey, newApiKey } from '../services/api-keys';
import { writeAudit } from '../services/audit';
import { type Principal, requirePrincipal, requireScope } from '../services/principal';
import { sql } from '../store/db';
import { jsonBody, pathId, uuidRe, validate } from '../validate';

const scopeSchema = z.string().regex(/^(\*|[a-zA-Z_-]+:(\*|[a-zA-Z_-]+))$/);
const createSchema = z.object({
  name: z.string().min(1).max(255),
  scopes: z.array(scopeSchema).optional(),
  rate_limit_per_min: z.number().int().min(1).max(10_000).optional(),
  expires_at: z.string().nullish(),
});
const updateSchema = z.object({
  name: z.string().min(1).max(255).optional(),
  scopes: z.array(scopeSchema).optional(),
  expires_at: z.string().nullish(),
  is_active: z.boolean().optional(),
});
const listQuery = z.object({
  organization_id: z.string().regex(uuidRe).optional(),
  page: z.coerce.number().int().min(1).default(1),
  per_page: z.coerce.number().int().min(1).max(100).default(20),
  include_inactive: z.enum(['true', 'false']).optional(),
});

function revokedAt(dev: Dev, id: string): number | null {
  const r = sql(dev.db, 'SELECT revoked_at FROM api_key_revocations WHERE key_id = ?').get(id) as
    | { revoked_at: number }
    | undefined;
  return r?.revoked_at ?? null;
}

/** The wire `ApiKey` (§4.9); never the hash, never the key. */
export function toApiKey(dev: Dev, k: ApiKeyRow) {
  return {
    id: k.id,
    user_id: k.user_id,
    organization_id: k.organization_id,
    name: k.name,
    prefix: `${k.prefix}...`,
    key_prefix: k.prefix,
    scopes: JSON.parse(k.scopes) as string[],
    rate_limit_per_min: k.rate_limit_per_min,
    is_active: k.is_active === 1,
    last_used: isoNaive(k.last_used_at),
    expires_at: isoNaive(k.expires_at),
    revoked_at: isoNaive(revokedAt(dev, k.id)),
    created_at: iso(k.created_at),
    updated_at: iso(k.updated_at),
  };
}

function parseExpiry(v: string | null | undefined): number | null | undefined {
  if (v === undefined) return undefined;
  if (v === null) return null;
  const ms = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v}Z`);
  if (Number.isNaN(ms)) {
    throw new HttpError(422, 'Request validation failed', 'VALIDATION_ERROR', {
      validation_errors: [
        { field: 'body.expires_at', message: 'Input should be a valid datetime', type: 'datetime_parsing' },
      ],
    });
  }
  return ms;
}

function isMember(dev: Dev, orgId: string, userId: string): boolean {
  return !!sql(
    dev.db,
    "SELECT 1 FROM organization_members WHERE organization_id = ? AND user_id = ? AND status = 'active'",
  ).get(orgId, userId);
}

/** Whether the principal may manage keys of this organization (members, platform admins, its own keys). */
function assertOrgAccess(dev: Dev, p: Principal, orgId: string, scope: string): void {
  if (p.kind === 'api_key') {
    requireScope(p, scope);
    if (p.key.organization_id !== orgId) throw new HttpError(403, 'Not a member of the specified organization');
    return;
  }
  if (p.user.is_admin === 1 && sql(dev.db, 'SELECT 1 FROM organizations WHERE id = ?').get(orgId)) return;
  if (!isMember(dev, orgId, p.user.id)) throw new HttpError(403, 'Not a member of the specified organization');
}

function loadKey(dev: Dev, c: Context<Env>, p: Principal, scope: string): ApiKeyRow {
  const id = pathId(c.req.param('id') ?? '', 'API key');
  const key = sql(dev.db, 'SELECT * FROM api_keys WHERE id = ?').get(id) as ApiKeyRow | undefined;
  if (!key || revokedAt(dev, key.id) !== null) throw new HttpError(404, 'API key not found');
  try {
    assertOrgAccess(dev, p, key.organization_id, scope);
  } catch (err) {
    // Other organizations' keys are invisible rather than forbidden; missing scopes stay 403.
    if (err instanceof HttpError && err.message.startsWith('Permission denied')) throw err;
    throw new HttpError(404, 'API key not found');
  }
  return key;
}

const actorOf = (p: Principal) => (p.kind === 'user' ? p.user.id : null);
const auditDetails = (p: Principal, extra: Record<string, unknown> = {}) =>
  p.kind === 'api_key' ? { ...extra, api_key_id: p.key.id } : extra;

/** §4.9 API keys, with the §1.2 API-key principal. */
export function apiKeyRoutes(): Hono<Env> {
  const app = new Hono<Env>();

  app.post('/verify', async (c) => {
    const dev = c.get('dev');
    const body = await jsonBody(c, z.object({ key: z.string() }));
    const key = findApiKey(dev, body.key);
    if (!key) return c.json({ valid: false, org_id: null, scopes: [], key_id: null });
    return c.json({ valid: true, org_id: key.organization_id, scopes: JSON.parse(key.scopes), key_id: key.id });
  });

  app.get('/', async (c) => {
    const dev = c.get('dev');
    const p = await requirePrincipal(c);
    const q = validate(listQuery, c.req.query(), 'query');
    let orgIds: string[];
    if (q.organization_id) {
      assertOrgAccess(dev, p, q.organization_id, 'api_keys:read');
      orgIds = [q.organization_id];
    } else if (p.kind === 'api_key') {
      requireScope(p, 'api_keys:read');
      orgIds = [p.key.organization_id];
    } else {
      orgIds = (
        sql(dev.db, "SELECT organization_id FROM organization_members WHERE user_id = ? AND status = 'active'").all(
          p.user.id,
        ) as { organization_id: string }[]
      ).map((r) => r.organization_id);
    }
    const marks = orgIds.map(() => '?').join(',') || "''";
    const active = q.include_inactive === 'true' ? '' : 'AND k.is_active = 1';
    const where = `FROM api_keys k WHERE k.organization_id IN (${marks}) ${active}
      AND NOT EXISTS (SELECT 1 FROM api_key_revocations r WHERE r.key_id = k.id)`;
    const total = (dev.db.prepare(`SELECT COUNT(*) AS n ${where}`).get(...orgIds) as { n: number }).n;
    const rows = dev.db
      .prepare(`SELECT k.* ${where} ORDER BY k.created_at DESC, k.id LIMIT ? OFFSET ?`)
      .all(...orgIds, q.per_page, (q.page - 1) * q.per_page) as ApiKeyRow[];
    return c.json({ items: rows.map((k) => toApiKey(dev, k)), total, page: q.page, per_page: q.per_page });
  });

  app.post('/', async (c) => {
    const dev = c.get('dev');
    const p = await requirePrincipal(c);
    const body = await jsonBody(c, createSchema);
    let orgId = c.req.query('organization_id');
    if (orgId !== undefined && !uuidRe.test(orgId)) throw new HttpError(400, 'Invalid organization ID');
    if (!orgId) {
      if (p.kind === 'api_key') orgId = p.key.organization_id;
      else {
        const orgs = sql(
          dev.db,
          "SELECT organization_id FROM organization_members WHERE user_id = ? AND status = 'active'",
        ).all(p.user.id) as { organization_id: string }[];
        if (orgs.length === 0) throw new HttpError(400, 'User must belong to an organization to create API keys');
        if (orgs.length > 1) throw new HttpError(400, 'organization_id is required for users of several organizations');
        orgId = (orgs[0] as { organization_id: string }).organization_id;
      }
    }
    assertOrgAccess(dev, p, orgId, 'api_keys:create');
    const key = newApiKey();
    const row = insertApiKey(dev, {
      key,
      organizationId: orgId,
      userId: actorOf(p),
      name: body.name,
      scopes: (body.scopes ?? ['*']).map((s) => s.toLowerCase()),
      ratePerMin: body.rate_limit_per_min,
      expiresAt: parseExpiry(body.expires_at) ?? null,
    });
    writeAudit(dev, {
      action: 'api_key.created',
      userId: actorOf(p),
      organizationId: orgId,
      resourceType: 'api_key',
      resourceId: row.id,
      details: auditDetails(p, { name: row.name, scopes: JSON.parse(row.scopes) }),
    });
    return c.json({ ...toApiKey(dev, row), key }, 201);
  });

  app.get('/:id', async (c) => {
    const dev = c.get('dev');
    const p = await requirePrincipal(c);
    return c.json(toApiKey(dev, loadKey(dev, c, p, 'api_keys:read')));
  });

  app.patch('/:id', async (c) => {
    const dev = c.get('dev');
    const p = await requirePrincipal(c);
    const key = loadKey(dev, c, p, 'api_keys:update');
    const body = await jsonBody(c, updateSchema);
    const cols: Record<string, unknown> = {};
    if (body.name !== undefined) cols.name = body.name;
    if (body.scopes !== undefined) cols.scopes = JSON.stringify(body.scopes.map((s) => s.toLowerCase()));
    if (body.is_active !== undefined) cols.is_active = body.is_active ? 1 : 0;
    const expiry = parseExpiry(body.expires_at);
    if (expiry !== undefined) cols.expires_at = expiry;
    cols.updated_at = dev.clock.now();
    const sets = Object.keys(cols)
      .map((k) => `${k} = @${k}`)
      .join(', ');
    dev.db.prepare(`UPDATE api_keys SET ${sets} WHERE id = @id`).run({ ...cols, id: key.id });
    writeAudit(dev, {
      action: 'api_key.updated',
      userId: actorOf(p),
      organizationId: key.organization_id,
      resourceType: 'api_key',
      resourceId: key.id,
      details: auditDetails(p, { fields: Object.keys(body) }),
    });
    return c.json(toApiKey(dev, sql(dev.db, 'SELECT * FROM api_keys WHERE id = ?').get(key.id) as ApiKeyRow));
  });

  app.delete('/:id', async (c) => {
    const dev = c.get('dev');
    const p = await requirePrincipal(c);
    const key = loadKey(dev, c, p, 'api_keys:delete');
    const now = dev.clock.now();
    dev.db.prepare('UPDATE api_keys SET is_active = 0, updated_at = ? WHERE id = ?').run(now, key.id);
    sql(dev.db, 'INSERT INTO api_key_revocations (key_id, revoked_at) VALUES (?, ?)').run(key.id, now);
    writeAudit(dev, {
      action: 'api_key.revoked',
      userId: actorOf(p),
      organizationId: key.organization_id,
      resourceType: 'api_key',
      resourceId: key.id,
      details: auditDetails(p),
    });
    return c.body(null, 204);
  });

  app.post('/:id/rotate', async (c) => {
    const dev = c.get('dev');
    const p = await requirePrincipal(c);
    const key = loadKey(dev, c, p, 'api_keys:update');
    const value = newApiKey();
    dev.db
      .prepare('UPDATE api_keys SET key_hash = ?, prefix = ?, updated_at = ? WHERE id = ?')
      .run(hashApiKey(value), value.slice(0, 12), dev.clock.now(), key.id);
    writeAudit(dev, {
      action: 'api_key.rotated',
      userId: actorOf(p),
      organizationId: key.organization_id,
      resourceType: 'api_key',
      resourceId: key.id,
      details: auditDetails(p),
    });
    const row = sql(dev.db, 'SELECT * FROM api_keys WHERE id = ?').get(key.id) as ApiKeyRow;
    return c.json({ ...toApiKey(dev, row), key: value, previous_prefix: `${key.prefix}...` });
  });

  return app;
}
