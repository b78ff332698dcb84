import { randomUUID } from 'node:crypto';
import { iso } from '../clock';
import type { Dev } from '../context';
import { sql } from '../store/db';
import { requestScope } from './request-scope';
import type { UserRow } from './users';

export interface AuditRow {
  id: string;
  action: string;
  user_id: string | null;
  user_email: string | null;
  actor_id: string | null;
  organization_id: string | null;
  resource_type: string | null;
  resource_id: string | null;
  details: string | null;
  ip_address: string | null;
  user_agent: string | null;
  timestamp: number;
}

export interface AuditInput {
  action: string;
  userId?: string | null;
  userEmail?: string | null;
  actorId?: string | null;
  organizationId?: string | null;
  resourceType?: string | null;
  resourceId?: string | null;
  details?: Record<string, unknown> | null;
  ip?: string | null;
  userAgent?: string | null;
}

/**
 * The time of a new audit entry: now, moved on by whole microseconds past any entry already
 * stamped in the same millisecond. Each entry's timestamp is then unique, so the list cursor can
 * be the bare ISO timestamp of the last item (§1.7) and "strictly older than the cursor" never
 * skips nor repeats an entry, however many events one request causes. Microseconds are how
 * upstream stamps too (§1.8). The value is `us / 1000` for an integer `us`, so it survives the
 * round trip through {@link isoNaive} and `parseIsoMicros` exactly.
 */
function uniqueStamp(dev: Dev): number {
  let us = Math.round(dev.clock.now() * 1000);
  for (;;) {
    const bucketEnd = Math.floor(us / 1000) + 1;
    const { last } = sql(
      dev.db,
      'SELECT MAX(timestamp) AS last FROM audit_logs WHERE timestamp >= ? AND timestamp < ?',
    ).get(us / 1000, bucketEnd) as { last: number | null };
    if (last === null) return us / 1000;
    us = Math.round(last * 1000) + 1;
  }
}

/** Writes one audit row; IP and user agent come from the current request when not given. */
export function writeAudit(dev: Dev, input: AuditInput): AuditRow {
  const scope = requestScope.getStore();
  const email =
    input.userEmail ??
    (input.userId
      ? ((sql(dev.db, 'SELECT email FROM users WHERE id = ?').get(input.userId) as { email: string } | undefined)
          ?.email ?? null)
      : null);
  const row: AuditRow = {
    id: randomUUID(),
    action: input.action,
    user_id: input.userId ?? null,
    user_email: email,
    actor_id: input.actorId ?? input.userId ?? null,
    organization_id: input.organizationId ?? null,
    resource_type: input.resourceType ?? null,
    resource_id: input.resourceId ?? null,
    details: input.details ? JSON.stringify(input.details) : null,
    ip_address: input.ip ?? scope?.ip ?? null,
    user_agent: input.userAgent ?? scope?.userAgent ?? null,
    timestamp: uniqueStamp(dev),
  };
  sql(
    dev.db,
    `INSERT INTO audit_logs (id, action, user_id, user_email, actor_id, organization_id, resource_type, resource_id, details, ip_address, user_agent, timestamp)
     VALUES (@id, @action, @user_id, @user_email, @actor_id, @organization_id, @resource_type, @resource_id, @details, @ip_address, @user_agent, @timestamp)`,
  ).run(row);
  return row;
}

/** The wire `AuditLog` (§4.0). */
export function toAuditLog(r: AuditRow) {
  return {
    id: r.id,
    action: r.action,
    user_id: r.user_id,
    user_email: r.user_email,
    resource_type: r.resource_type,
    resource_id: r.resource_id,
    details: r.details ? (JSON.parse(r.details) as Record<string, unknown>) : null,
    ip_address: r.ip_address,
    user_agent: r.user_agent,
    timestamp: iso(r.timestamp),
  };
}

const str = (v: unknown) => (typeof v === 'string' ? v : null);

/**
 * Maps every domain event to an audit row. Payloads are DB rows (`user`, `session`, …) or ids;
 * whatever carries an id becomes the resource, the request scope supplies IP and user agent.
 */
export function subscribeAudit(dev: Dev): void {
  dev.events.on((type, payload) => {
    const user = payload.user as UserRow | undefined;
    const session = payload.session as
      | { id: string; ip_address?: string | null; user_agent?: string | null }
      | undefined;
    const userId = user?.id ?? str(payload.userId) ?? str(payload.user_id);
    const [resourceType, resourceId] = session
      ? ['session', session.id]
      : str(payload.sessionId)
        ? ['session', str(payload.sessionId)]
        : str(payload.resourceId)
          ? [str(payload.resourceType), str(payload.resourceId)]
          : userId
            ? ['user', userId]
            : [null, null];
    const details: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(payload)) {
      if (v === null || typeof v !== 'object') details[k] = v;
    }
    writeAudit(dev, {
      action: type,
      userId,
      userEmail: user?.email ?? null,
      actorId: str(payload.actorId) ?? userId,
      organizationId: str(payload.organizationId) ?? str(payload.organization_id),
      resourceType,
      resourceId,
      details: Object.keys(details).length > 0 ? details : null,
      ip: session?.ip_address ?? null,
      userAgent: session?.user_agent ?? null,
    });
  });
}
