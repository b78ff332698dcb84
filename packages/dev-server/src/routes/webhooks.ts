import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import { iso, isoNaive } from '../clock';
import type { Dev, Env } from '../context';
import { HttpError } from '../errors';
import { type Principal, requirePrincipal, requireScope, requireUser } from '../services/principal';
import { signBody, type WebhookEndpointRow, webhookDispatcher } from '../services/webhook-dispatcher';
import { WEBHOOK_EVENT_TYPES } from '../services/webhook-events';
import { sql } from '../store/db';
import { jsonBody, optionalJsonBody, pathId, uuidRe, validate } from '../validate';

const isHttpUrl = (v: string) => {
  try {
    const u = new URL(v);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
};

const urlSchema = z.string().max(2048).refine(isHttpUrl, 'Input should be a valid URL, relative URL without a base');
const eventsSchema = z.array(z.enum(WEBHOOK_EVENT_TYPES)).min(1);
const headersSchema = z.record(z.string(), z.string()).nullish();

const createSchema = z.object({
  url: urlSchema,
  events: eventsSchema,
  description: z.string().max(500).nullish(),
  headers: headersSchema,
  organization_id: z.string().nullish(),
});

const updateSchema = z.object({
  url: urlSchema.optional(),
  events: eventsSchema.optional(),
  is_active: z.boolean().optional(),
  description: z.string().max(500).nullish(),
  headers: headersSchema,
});

// FastAPI's bool parsing for query strings.
const queryBool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'])
  .transform((v) => ['true', '1', 'yes', 'on'].includes(v));
const queryInt = (min: number, max: number, fallback: number) =>
  z
    .string()
    .regex(/^-?\d+$/, 'Input should be a valid integer, unable to parse string as an integer')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max))
    .optional()
    .transform((v) => v ?? fallback);

/** `WebhookEndpoint` (§4.0). */
export function toWireEndpoint(e: WebhookEndpointRow) {
  return {
    id: e.id,
    url: e.url,
    secret: e.secret,
    events: JSON.parse(e.events) as string[],
    is_active: e.is_active === 1,
    description: e.description,
    headers: JSON.parse(e.headers ?? 'null') as Record<string, string> | null,
    created_at: iso(e.created_at),
    updated_at: iso(e.updated_at),
  };
}

const newSecret = () => randomBytes(32).toString('hex');

const isMember = (dev: Dev, organizationId: string, userId: string) =>
  !!sql(
    dev.db,
    "SELECT 1 FROM organization_members WHERE organization_id = ? AND user_id = ? AND status = 'active'",
  ).get(organizationId, userId);

/** The caller, with the API-key scope checked (`webhooks:<action>`, §1.2). */
async function caller(c: Context<Env>, action: 'read' | 'create' | 'update' | 'delete'): Promise<Principal> {
  const p = await requirePrincipal(c);
  if (p.kind === 'api_key') requireScope(p, `webhooks:${action}`);
  return p;
}

/** The endpoint, if the caller may use it: owner, platform admin, or member of its organization. */
function accessibleEndpoint(c: Context<Env>, p: Principal): WebhookEndpointRow {
  const dev = c.get('dev');
  const id = pathId(c.req.param('id') ?? '', 'webhook');
  const e = sql(dev.db, 'SELECT * FROM webhook_endpoints WHERE id = ?').get(id) as WebhookEndpointRow | undefined;
  if (!e) throw new HttpError(404, 'Webhook endpoint not found');
  if (p.kind === 'api_key') {
    if (e.organization_id === p.key.organization_id || (p.key.user_id && e.user_id === p.key.user_id)) return e;
    throw new HttpError(403, 'Permission denied');
  }
  if (e.user_id === p.user.id || p.user.is_admin === 1) return e;
  if (e.organization_id) {
    if (isMember(dev, e.organization_id, p.user.id)) return e;
    throw new HttpError(403, 'User is not a member of this organization');
  }
  throw new HttpError(403, 'Permission denied');
}

/** §4.8 webhook endpoints, their events, deliveries and stats (mounted at `/api/v1/webhooks/`). */
export function webhookRoutes(): Hono<Env> {
  const app = new Hono<Env>();

  app.post('/', async (c) => {
    const dev = c.get('dev');
    const p = await caller(c, 'create');
    const body = await jsonBody(c, createSchema);
    let organizationId: string | null = null;
    if (body.organization_id) {
      if (!uuidRe.test(body.organization_id.toLowerCase())) throw new HttpError(400, 'Invalid organization ID format');
      organizationId = body.organization_id.toLowerCase();
      const allowed =
        p.kind === 'api_key' ? p.key.organization_id === organizationId : isMember(dev, organizationId, p.user.id);
      if (!allowed) throw new HttpError(403, 'User is not a member of the specified organization');
    } else if (p.kind === 'api_key') {
      organizationId = p.key.organization_id;
    }
    const now = dev.clock.now();
    const id = randomUUID();
    sql(
      dev.db,
      `INSERT INTO webhook_endpoints (id, user_id, organization_id, url, secret, events, is_active, description, headers, created_at, updated_at)
       VALUES (?,?,?,?,?,?,1,?,?,?,?)`,
    ).run(
      id,
      p.kind === 'user' ? p.user.id : p.key.user_id,
      organizationId,
      new URL(body.url).href,
      newSecret(),
      JSON.stringify([...new Set(body.events)]),
      body.description ?? null,
      body.headers ? JSON.stringify(body.headers) : null,
      now,
      now,
    );
    return c.json(
      toWireEndpoint(sql(dev.db, 'SELECT * FROM webhook_endpoints WHERE id = ?').get(id) as WebhookEndpointRow),
    );
  });

  app.get('/', async (c) => {
    const dev = c.get('dev');
    const p = await caller(c, 'read');
    const q = validate(z.object({ is_active: queryBool.optional() }), c.req.query(), 'query');
    const rows = (
      p.kind === 'user'
        ? sql(dev.db, 'SELECT * FROM webhook_endpoints WHERE user_id = ? ORDER BY created_at, rowid').all(p.user.id)
        : sql(dev.db, 'SELECT * FROM webhook_endpoints WHERE organization_id = ? ORDER BY created_at, rowid').all(
            p.key.organization_id,
          )
    ) as WebhookEndpointRow[];
    const endpoints = rows.filter((e) => q.is_active === undefined || (e.is_active === 1) === q.is_active);
    return c.json({ endpoints: endpoints.map(toWireEndpoint), total: endpoints.length });
  });

  app.get('/events/types', async (c) => {
    await requireUser(c);
    return c.json([...WEBHOOK_EVENT_TYPES]);
  });

  app.post('/verify-signature', async (c) => {
    await requireUser(c);
    const fromBody = await optionalJsonBody(c, z.object({}).passthrough());
    const field = (name: string) => {
      const v = c.req.query(name) ?? (fromBody as Record<string, unknown>)[name];
      if (typeof v !== 'string') {
        throw new HttpError(422, 'Request validation failed', 'VALIDATION_ERROR', {
          validation_errors: [{ field: `query.${name}`, message: 'Field required', type: 'missing' }],
        });
      }
      return v;
    };
    const expected = Buffer.from(signBody(field('secret'), field('payload')));
    const given = Buffer.from(
      field('signature')
        .trim()
        .toLowerCase()
        .replace(/^sha256=/, ''),
    );
    return c.json({ valid: given.length === expected.length && timingSafeEqual(given, expected) });
  });

  app.get('/:id', async (c) => c.json(toWireEndpoint(accessibleEndpoint(c, await caller(c, 'read')))));

  app.patch('/:id', async (c) => {
    const dev = c.get('dev');
    const e = accessibleEndpoint(c, await caller(c, 'update'));
    const raw = await jsonBody(c, z.object({}).passthrough());
    const body = validate(updateSchema, raw, 'body');
    // PATCH semantics: an absent key keeps the value, an explicit null clears it.
    const has = (k: string) => Object.hasOwn(raw as object, k);
    sql(
      dev.db,
      `UPDATE webhook_endpoints SET url = ?, events = ?, is_active = ?, description = ?, headers = ?, updated_at = ?
       WHERE id = ?`,
    ).run(
      body.url ? new URL(body.url).href : e.url,
      body.events ? JSON.stringify([...new Set(body.events)]) : e.events,
      body.is_active === undefined ? e.is_active : body.is_active ? 1 : 0,
      has('description') ? (body.description ?? null) : e.description,
      has('headers') ? (body.headers ? JSON.stringify(body.headers) : null) : e.headers,
      dev.clock.now(),
      e.id,
    );
    return c.json(
      toWireEndpoint(sql(dev.db, 'SELECT * FROM webhook_endpoints WHERE id = ?').get(e.id) as WebhookEndpointRow),
    );
  });

  app.delete('/:id', async (c) => {
    const dev = c.get('dev');
    const e = accessibleEndpoint(c, await caller(c, 'delete'));
    dev.db.transaction(() => {
      sql(dev.db, 'DELETE FROM webhook_deliveries WHERE webhook_endpoint_id = ?').run(e.id);
      sql(dev.db, 'DELETE FROM webhook_endpoints WHERE id = ?').run(e.id);
    })();
    return c.json({ message: 'Webhook endpoint deleted successfully' });
  });

  app.post('/:id/regenerate-secret', async (c) => {
    const dev = c.get('dev');
    const e = accessibleEndpoint(c, await caller(c, 'update'));
    sql(dev.db, 'UPDATE webhook_endpoints SET secret = ?, updated_at = ? WHERE id = ?').run(
      newSecret(),
      dev.clock.now(),
      e.id,
    );
    return c.json(
      toWireEndpoint(sql(dev.db, 'SELECT * FROM webhook_endpoints WHERE id = ?').get(e.id) as WebhookEndpointRow),
    );
  });

  app.post('/:id/test', async (c) => {
    const e = accessibleEndpoint(c, await caller(c, 'update'));
    // One synchronous attempt (designed here, §4.8); the outcome is in /deliveries, not in this answer.
    await webhookDispatcher(c.get('dev')).sendTest(e);
    return c.json({ message: 'Test webhook sent successfully' });
  });

  app.get('/:id/stats', async (c) => {
    const dev = c.get('dev');
    const e = accessibleEndpoint(c, await caller(c, 'read'));
    const { days } = validate(z.object({ days: queryInt(1, 365, 7) }), c.req.query(), 'query');
    const since = dev.clock.now() - days * 86_400_000;
    const row = sql(
      dev.db,
      `SELECT count(*) AS total, coalesce(sum(status = 'delivered'), 0) AS ok, avg(duration_ms) AS avg_ms
       FROM webhook_deliveries WHERE webhook_endpoint_id = ? AND status != 'pending' AND created_at >= ?`,
    ).get(e.id, since) as { total: number; ok: number; avg_ms: number | null };
    return c.json({
      total_deliveries: row.total,
      successful: row.ok,
      failed: row.total - row.ok,
      success_rate: row.total ? Math.round((row.ok / row.total) * 10_000) / 100 : 0,
      average_delivery_time: row.avg_ms === null ? 0 : Math.round(row.avg_ms) / 1000,
      period_days: days,
    });
  });

  const paging = (c: Context<Env>) =>
    validate(
      z.object({ limit: queryInt(1, 1000, 100), offset: queryInt(0, Number.MAX_SAFE_INTEGER, 0) }),
      c.req.query(),
      'query',
    );

  app.get('/:id/events', async (c) => {
    const dev = c.get('dev');
    const e = accessibleEndpoint(c, await caller(c, 'read'));
    const { limit, offset } = paging(c);
    const where =
      'FROM webhook_events WHERE id IN (SELECT webhook_event_id FROM webhook_deliveries WHERE webhook_endpoint_id = ?)';
    const rows = sql(dev.db, `SELECT id, type, data, created_at ${where} ORDER BY seq DESC LIMIT ? OFFSET ?`).all(
      e.id,
      limit,
      offset,
    ) as { id: string; type: string; data: string; created_at: number }[];
    const { total } = sql(dev.db, `SELECT count(*) AS total ${where}`).get(e.id) as { total: number };
    return c.json({
      events: rows.map((r) => ({ id: r.id, type: r.type, data: JSON.parse(r.data), created_at: iso(r.created_at) })),
      total,
    });
  });

  app.get('/:id/deliveries', async (c) => {
    const dev = c.get('dev');
    const e = accessibleEndpoint(c, await caller(c, 'read'));
    const { limit, offset } = paging(c);
    const rows = sql(
      dev.db,
      'SELECT * FROM webhook_deliveries WHERE webhook_endpoint_id = ? ORDER BY seq DESC LIMIT ? OFFSET ?',
    ).all(e.id, limit, offset) as {
      id: string;
      webhook_endpoint_id: string;
      webhook_event_id: string;
      status: string;
      status_code: number | null;
      response_body: string | null;
      error: string | null;
      attempt: number;
      delivered_at: number | null;
      created_at: number;
    }[];
    return c.json(
      rows.map((d) => ({
        id: d.id,
        webhook_endpoint_id: d.webhook_endpoint_id,
        webhook_event_id: d.webhook_event_id,
        status_code: d.status_code,
        response_body: d.response_body,
        error: d.error,
        attempt: d.attempt,
        delivered_at: isoNaive(d.delivered_at),
        created_at: iso(d.created_at),
        status: d.status,
      })),
    );
  });

  return app;
}
