import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { iso, parseIsoMicros } from '../clock';
import type { Dev, Env } from '../context';
import { HttpError } from '../errors';
import { type AuditRow, subscribeAudit, toAuditLog } from '../services/audit';
import { type Principal, requirePrincipal, requireScope } from '../services/principal';
import { emitAdminAction } from '../services/user-events';
import { sql } from '../store/db';
import { jsonBody, pathId, validate } from '../validate';

const DAY = 86_400_000;

// To the microsecond: entries are stamped that finely, and a bound or cursor copied from an
// entry's `timestamp` must select that very entry.
function parseIso(v: string, field: string): number {
  let ms = parseIsoMicros(v);
  // Other forms Date.parse knows (a bare date, say) stay accepted, to the millisecond.
  if (Number.isNaN(ms)) ms = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v}Z`);
  if (Number.isNaN(ms)) {
    throw new HttpError(422, 'Request validation failed', 'VALIDATION_ERROR', {
      validation_errors: [{ field, message: 'Input should be a valid datetime', type: 'datetime_parsing' }],
    });
  }
  return ms;
}

const listQuery = z.object({
  actor: z.string().optional(),
  action: z.string().optional(),
  resource: z.string().optional(),
  resource_type: z.string().optional(),
  start_date: z.string().optional(),
  end_date: z.string().optional(),
  ip_address: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().optional(),
});

const exportSchema = z.object({
  format: z.enum(['json', 'csv']).default('json'),
  start_date: z.string().nullish(),
  end_date: z.string().nullish(),
  actions: z.array(z.string()).nullish(),
  user_ids: z.array(z.string()).nullish(),
  resource_types: z.array(z.string()).nullish(),
});

interface Where {
  clauses: string[];
  args: unknown[];
}

/** What the principal may see: users their own entries, platform admins all, keys their organization. */
function visibility(p: Principal): Where {
  if (p.kind === 'api_key') {
    requireScope(p, 'audit_logs:read');
    return {
      clauses: [
        `(organization_id = ? OR user_id IN (SELECT user_id FROM organization_members WHERE organization_id = ?))`,
      ],
      args: [p.key.organization_id, p.key.organization_id],
    };
  }
  if (p.user.is_admin === 1) return { clauses: [], args: [] };
  return { clauses: ['user_id = ?'], args: [p.user.id] };
}

async function requireAuditAdmin(c: Context<Env>): Promise<Principal> {
  const p = await requirePrincipal(c);
  if (p.kind === 'api_key') requireScope(p, 'audit_logs:read');
  else if (p.user.is_admin !== 1) throw new HttpError(403, 'Admin access required');
  return p;
}

const whereSql = (w: Where) => (w.clauses.length ? `WHERE ${w.clauses.join(' AND ')}` : '');

// Cursor (§1.7): the ISO timestamp of the last item, in the naive form every timestamp has (§1.8),
// i.e. exactly that item's `timestamp`. The next page is what is strictly older. Entries never
// share a timestamp (audit.ts stamps each one microseconds apart), so nothing is skipped or
// repeated when one request writes several entries in the same millisecond.
function cursorClause(cursor: string): Where {
  return { clauses: ['timestamp < ?'], args: [parseIso(cursor, 'query.cursor')] };
}

function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const EXPORT_COLUMNS = [
  'id',
  'timestamp',
  'action',
  'user_id',
  'user_email',
  'resource_type',
  'resource_id',
  'ip_address',
  'user_agent',
  'details',
] as const;

/** §4.9 audit logs; also subscribes the audit writer to the server's domain events. */
export function auditRoutes(dev: Dev): Hono<Env> {
  subscribeAudit(dev);
  const app = new Hono<Env>();

  app.get('/', async (c) => {
    const p = await requirePrincipal(c);
    const q = validate(listQuery, c.req.query(), 'query');
    const w = visibility(p);
    const add = (clause: string, v: unknown) => {
      w.clauses.push(clause);
      w.args.push(v);
    };
    if (q.actor) add('user_id = ?', q.actor);
    if (q.action) add('action = ?', q.action);
    if (q.resource) add('resource_id = ?', q.resource);
    if (q.resource_type) add('resource_type = ?', q.resource_type);
    if (q.ip_address) add('ip_address = ?', q.ip_address);
    if (q.start_date) add('timestamp >= ?', parseIso(q.start_date, 'query.start_date'));
    if (q.end_date) add('timestamp <= ?', parseIso(q.end_date, 'query.end_date'));
    const total = (
      dev.db.prepare(`SELECT COUNT(*) AS n FROM audit_logs ${whereSql(w)}`).get(...w.args) as { n: number }
    ).n;
    if (q.cursor) {
      const cw = cursorClause(q.cursor);
      w.clauses.push(...cw.clauses);
      w.args.push(...cw.args);
    }
    const rows = dev.db
      .prepare(`SELECT * FROM audit_logs ${whereSql(w)} ORDER BY timestamp DESC, id DESC LIMIT ?`)
      .all(...w.args, q.limit + 1) as AuditRow[];
    const hasMore = rows.length > q.limit;
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    return c.json({
      logs: page.map(toAuditLog),
      total,
      cursor: hasMore && last ? iso(last.timestamp) : null,
      has_more: hasMore,
    });
  });

  app.get('/stats', async (c) => {
    const p = await requireAuditAdmin(c);
    const now = dev.clock.now();
    const start = c.req.query('start_date')
      ? parseIso(c.req.query('start_date') as string, 'query.start_date')
      : now - 30 * DAY;
    const end = c.req.query('end_date') ? parseIso(c.req.query('end_date') as string, 'query.end_date') : now;
    const w = visibility(p);
    w.clauses.push('timestamp >= ?', 'timestamp <= ?');
    w.args.push(start, end);
    const rows = dev.db.prepare(`SELECT * FROM audit_logs ${whereSql(w)}`).all(...w.args) as AuditRow[];
    const byAction: Record<string, number> = {};
    const byType: Record<string, number> = {};
    const byUser = new Map<string, { user_id: string; email: string | null; count: number }>();
    const ips = new Set<string>();
    const hours = new Map<number, number>();
    for (const r of rows) {
      byAction[r.action] = (byAction[r.action] ?? 0) + 1;
      if (r.resource_type) byType[r.resource_type] = (byType[r.resource_type] ?? 0) + 1;
      if (r.user_id) {
        const u = byUser.get(r.user_id) ?? { user_id: r.user_id, email: r.user_email, count: 0 };
        u.count++;
        byUser.set(r.user_id, u);
      }
      if (r.ip_address) ips.add(r.ip_address);
      if (r.timestamp >= now - DAY) {
        const hour = Math.floor(r.timestamp / 3_600_000) * 3_600_000;
        hours.set(hour, (hours.get(hour) ?? 0) + 1);
      }
    }
    return c.json({
      total_events: rows.length,
      events_by_action: byAction,
      events_by_user: [...byUser.values()].sort((a, b) => b.count - a.count).slice(0, 10),
      events_by_resource_type: byType,
      events_by_hour: [...hours.entries()].sort((a, b) => a[0] - b[0]).map(([h, count]) => ({ hour: iso(h), count })),
      unique_users: byUser.size,
      unique_ips: ips.size,
      time_range: { start: iso(start), end: iso(end) },
    });
  });

  app.get('/actions/list', async (c) => {
    const p = await requirePrincipal(c);
    const w = visibility(p);
    const rows = dev.db
      .prepare(`SELECT action, COUNT(*) AS n FROM audit_logs ${whereSql(w)} GROUP BY action ORDER BY action`)
      .all(...w.args) as { action: string; n: number }[];
    return c.json({ actions: rows.map((r) => r.action), counts: Object.fromEntries(rows.map((r) => [r.action, r.n])) });
  });

  app.post('/export', async (c) => {
    const p = await requireAuditAdmin(c);
    const body = await jsonBody(c, exportSchema);
    const w = visibility(p);
    const inList = (col: string, values: string[] | null | undefined) => {
      if (!values?.length) return;
      w.clauses.push(`${col} IN (${values.map(() => '?').join(',')})`);
      w.args.push(...values);
    };
    if (body.start_date) {
      w.clauses.push('timestamp >= ?');
      w.args.push(parseIso(body.start_date, 'body.start_date'));
    }
    if (body.end_date) {
      w.clauses.push('timestamp <= ?');
      w.args.push(parseIso(body.end_date, 'body.end_date'));
    }
    inList('action', body.actions);
    inList('user_id', body.user_ids);
    inList('resource_type', body.resource_types);
    // Keyset batches rather than one open cursor: better-sqlite3 refuses writes on a connection
    // while an iterator is open, and the export must not block the rest of the server.
    let after: AuditRow | undefined;
    const nextBatch = (): AuditRow[] => {
      const clauses = [...w.clauses];
      const args = [...w.args];
      if (after) {
        clauses.push('(timestamp < ? OR (timestamp = ? AND id < ?))');
        args.push(after.timestamp, after.timestamp, after.id);
      }
      const batch = dev.db
        .prepare(`SELECT * FROM audit_logs ${whereSql({ clauses, args })} ORDER BY timestamp DESC, id DESC LIMIT 100`)
        .all(...args) as AuditRow[];
      after = batch.at(-1) ?? after;
      return batch;
    };
    const encoder = new TextEncoder();
    let first = true;
    let done = false;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (done) return;
        const parts: string[] = [];
        if (first) parts.push(body.format === 'csv' ? `${EXPORT_COLUMNS.join(',')}\n` : '[');
        const batch = nextBatch();
        if (batch.length < 100) done = true;
        for (const row of batch) {
          const log = toAuditLog(row);
          if (body.format === 'csv') parts.push(`${EXPORT_COLUMNS.map((k) => csvCell(log[k])).join(',')}\n`);
          else {
            const {
              id,
              timestamp,
              action,
              user_id,
              user_email,
              resource_type,
              resource_id,
              ip_address,
              user_agent,
              details,
            } = log;
            parts.push(
              (first ? '' : ',') +
                JSON.stringify({
                  id,
                  timestamp,
                  action,
                  user_id,
                  user_email,
                  resource_type,
                  resource_id,
                  ip_address,
                  user_agent,
                  details,
                }),
            );
          }
          first = false;
        }
        if (first) first = false;
        if (done && body.format === 'json') parts.push(']');
        controller.enqueue(encoder.encode(parts.join('')));
        if (done) controller.close();
      },
      cancel() {
        done = true;
      },
    });
    const stamp = iso(dev.clock.now()).slice(0, 19).replace(/[-:]/g, '').replace('T', '_');
    return new Response(stream, {
      status: 200,
      headers: {
        'Content-Type': body.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json',
        'Content-Disposition': `attachment; filename=audit_logs_${stamp}.${body.format}`,
      },
    });
  });

  // Retention: removes entries older than `days`. An API key (scope `audit_logs:delete`) removes
  // its organization's entries: those tagged with it, and untagged ones of its active members
  // whose accounts it created (never a platform admin's). Reading reaches further (any member's
  // entries), but a member may be one added without consent, or belong to other organizations
  // whose history this key must not shorten. The cleanup itself is an `admin.action`, so the
  // trail records who shortened it.
  app.delete('/cleanup', async (c) => {
    const p = await requirePrincipal(c);
    if (p.kind === 'api_key') requireScope(p, 'audit_logs:delete');
    else if (p.user.is_admin !== 1) throw new HttpError(403, 'Admin access required');
    const q = validate(
      z.object({ days: z.coerce.number().int().min(30).max(365).default(90) }),
      c.req.query(),
      'query',
    );
    const cutoff = dev.clock.now() - q.days * DAY;
    const w: Where =
      p.kind === 'api_key'
        ? {
            clauses: [
              `(organization_id = ? OR (organization_id IS NULL
                AND user_id IN (SELECT user_id FROM organization_members WHERE organization_id = ? AND status = 'active')
                AND user_id IN (SELECT user_id FROM account_origins WHERE organization_id = ?)
                AND user_id NOT IN (SELECT id FROM users WHERE is_admin = 1)))`,
            ],
            args: [p.key.organization_id, p.key.organization_id, p.key.organization_id],
          }
        : { clauses: [], args: [] };
    w.clauses.push('timestamp < ?');
    w.args.push(cutoff);
    const deleted = dev.db.prepare(`DELETE FROM audit_logs ${whereSql(w)}`).run(...w.args).changes;
    emitAdminAction(
      dev,
      p,
      'audit_logs.cleanup',
      { id: null, type: 'audit_log' },
      { days: q.days, deleted_count: deleted },
    );
    return c.json({
      message: `Deleted ${deleted} audit log entries older than ${q.days} days`,
      deleted_count: deleted,
      cutoff_date: iso(cutoff),
    });
  });

  app.get('/:id', async (c) => {
    const p = await requirePrincipal(c);
    const id = pathId(c.req.param('id'), 'audit log');
    const row = sql(dev.db, 'SELECT * FROM audit_logs WHERE id = ?').get(id) as AuditRow | undefined;
    if (!row) throw new HttpError(404, 'Audit log entry not found');
    const w = visibility(p);
    w.clauses.push('id = ?');
    w.args.push(id);
    if (!dev.db.prepare(`SELECT 1 FROM audit_logs ${whereSql(w)}`).get(...w.args))
      throw new HttpError(403, 'Access denied');
    return c.json(toAuditLog(row));
  });

  return app;
}
