import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { iso, isoNaive } from '../clock';
import type { Dev } from '../context';
import { sql } from '../store/db';

export interface ScimConfigRow {
  id: string;
  organization_id: string;
  provider: string;
  enabled: number;
  base_url: string | null;
  token_hash: string | null;
  token_prefix: string | null;
  configuration: string;
  created_at: number;
  updated_at: number;
}

export interface ScimResourceRow {
  id: string;
  organization_id: string;
  resource_type: 'User' | 'Group';
  internal_id: string | null;
  external_id: string | null;
  name: string;
  data: string;
  status: string;
  created_at: number;
  updated_at: number;
}

export interface ScimLogRow {
  seq: number;
  id: string;
  organization_id: string;
  operation: string;
  resource_type: string;
  scim_id: string | null;
  internal_id: string | null;
  status: string;
  error_message: string | null;
  error_code: string | null;
  synced_at: number;
}

export const hashScimToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** `scim_` + 43 url-safe characters; only the hash and a 12-character prefix are stored. */
export function newScimToken(): { token: string; hash: string; prefix: string } {
  const token = `scim_${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashScimToken(token), prefix: token.slice(0, 12) };
}

export function getScimConfig(dev: Dev, orgId: string): ScimConfigRow | undefined {
  return sql(dev.db, 'SELECT * FROM scim_configs WHERE organization_id = ?').get(orgId) as ScimConfigRow | undefined;
}

export function findScimConfigByToken(dev: Dev, token: string): ScimConfigRow | undefined {
  return sql(dev.db, 'SELECT * FROM scim_configs WHERE token_hash = ?').get(hashScimToken(token)) as
    | ScimConfigRow
    | undefined;
}

/** The wire `ScimConfig` (§4.9); never the token or its hash. */
export function toScimConfig(r: ScimConfigRow) {
  return {
    id: r.id,
    organization_id: r.organization_id,
    provider: r.provider,
    enabled: r.enabled === 1,
    base_url: r.base_url,
    bearer_token_prefix: r.token_prefix ? `${r.token_prefix}...` : null,
    configuration: JSON.parse(r.configuration) as Record<string, unknown>,
    created_at: iso(r.created_at),
    updated_at: iso(r.updated_at),
  };
}

export function writeScimLog(
  dev: Dev,
  entry: {
    organizationId: string;
    operation: string;
    resourceType: string;
    scimId?: string | null;
    internalId?: string | null;
    status: 'success' | 'error';
    errorMessage?: string | null;
    errorCode?: string | null;
  },
): void {
  sql(
    dev.db,
    `INSERT INTO scim_logs (id, organization_id, operation, resource_type, scim_id, internal_id, status, error_message, error_code, synced_at)
     VALUES (?,?,?,?,?,?,?,?,?,?)`,
  ).run(
    randomUUID(),
    entry.organizationId,
    entry.operation,
    entry.resourceType,
    entry.scimId ?? null,
    entry.internalId ?? null,
    entry.status,
    entry.errorMessage ?? null,
    entry.errorCode ?? null,
    dev.clock.now(),
  );
}

export function toScimLog(r: ScimLogRow) {
  return {
    id: r.id,
    operation: r.operation,
    resource_type: r.resource_type,
    scim_id: r.scim_id,
    internal_id: r.internal_id,
    status: r.status,
    error_message: r.error_message,
    error_code: r.error_code,
    synced_at: iso(r.synced_at),
  };
}

export function listScimLogRows(dev: Dev, orgId: string, limit = 1000): ScimLogRow[] {
  return sql(dev.db, 'SELECT * FROM scim_logs WHERE organization_id = ? ORDER BY seq DESC LIMIT ?').all(
    orgId,
    limit,
  ) as ScimLogRow[];
}

/** `GET …/scim/status` (§4.9). Resources are synced when written, so nothing is ever pending. */
export function scimStatus(dev: Dev, cfg: ScimConfigRow) {
  const count = (type: string, status?: string) =>
    (
      sql(
        dev.db,
        `SELECT COUNT(*) AS n FROM scim_resources WHERE organization_id = ? AND resource_type = ?${status ? ' AND status = ?' : ''}`,
      ).get(...[cfg.organization_id, type, ...(status ? [status] : [])]) as { n: number }
    ).n;
  const last = sql(
    dev.db,
    "SELECT MAX(synced_at) AS t FROM scim_logs WHERE organization_id = ? AND status = 'success'",
  ).get(cfg.organization_id) as { t: number | null };
  return {
    enabled: cfg.enabled === 1,
    provider: cfg.provider,
    total_users: count('User'),
    total_groups: count('Group'),
    synced_users: count('User', 'synced'),
    synced_groups: count('Group', 'synced'),
    pending_users: 0,
    pending_groups: 0,
    error_users: count('User', 'error'),
    error_groups: count('Group', 'error'),
    last_sync_at: isoNaive(last.t),
    recent_operations: listScimLogRows(dev, cfg.organization_id, 10).map(toScimLog),
  };
}

/**
 * Removes every SCIM User resource of an account that is going away for good, and takes those
 * resources out of their groups' member lists, in every organization that provisioned it.
 */
export function forgetScimUser(dev: Dev, userId: string): void {
  const resources = sql(
    dev.db,
    "SELECT id, organization_id FROM scim_resources WHERE resource_type = 'User' AND internal_id = ?",
  ).all(userId) as { id: string; organization_id: string }[];
  const now = dev.clock.now();
  for (const r of resources) {
    const groups = sql(
      dev.db,
      "SELECT id, data FROM scim_resources WHERE resource_type = 'Group' AND organization_id = ?",
    ).all(r.organization_id) as { id: string; data: string }[];
    for (const g of groups) {
      const data = JSON.parse(g.data) as { members?: string[] };
      if (!data.members?.includes(r.id)) continue;
      data.members = data.members.filter((m) => m !== r.id);
      sql(dev.db, 'UPDATE scim_resources SET data = ?, updated_at = ? WHERE id = ?').run(
        JSON.stringify(data),
        now,
        g.id,
      );
    }
    sql(dev.db, 'DELETE FROM scim_resources WHERE id = ?').run(r.id);
  }
}
