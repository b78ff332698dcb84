import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Dev } from '../context';
import { sql } from '../store/db';

export interface ApiKeyRow {
  id: string;
  organization_id: string;
  user_id: string | null;
  name: string;
  prefix: string;
  key_hash: string;
  scopes: string;
  rate_limit_per_min: number;
  is_active: number;
  created_at: number;
  updated_at: number;
  last_used_at: number | null;
  expires_at: number | null;
}

export const hashApiKey = (key: string) => createHash('sha256').update(key).digest('hex');
export const newApiKey = () => `sk_live_${randomBytes(32).toString('hex')}`;

export function insertApiKey(
  dev: Dev,
  input: {
    key: string;
    organizationId: string;
    userId?: string | null;
    name: string;
    scopes: string[];
    ratePerMin?: number;
    expiresAt?: number | null;
  },
): ApiKeyRow {
  const now = dev.clock.now();
  const id = randomUUID();
  sql(
    dev.db,
    `INSERT INTO api_keys (id, organization_id, user_id, name, prefix, key_hash, scopes, rate_limit_per_min, created_at, updated_at, expires_at)
     VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
  ).run(
    id,
    input.organizationId,
    input.userId ?? null,
    input.name,
    input.key.slice(0, 12),
    hashApiKey(input.key),
    JSON.stringify(input.scopes),
    input.ratePerMin ?? 60,
    now,
    now,
    input.expiresAt ?? null,
  );
  return sql(dev.db, 'SELECT * FROM api_keys WHERE id = ?').get(id) as ApiKeyRow;
}

/** The active, unexpired key with this value, or undefined. */
export function findApiKey(dev: Dev, key: string): ApiKeyRow | undefined {
  const row = sql(dev.db, 'SELECT * FROM api_keys WHERE key_hash = ?').get(hashApiKey(key)) as ApiKeyRow | undefined;
  if (row?.is_active !== 1 || (row.expires_at !== null && row.expires_at <= dev.clock.now())) return undefined;
  return row;
}
