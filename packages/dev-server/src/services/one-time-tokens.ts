import { createHash, randomBytes } from 'node:crypto';
import type { Dev } from '../context';
import { sql } from '../store/db';

export type OneTimeKind =
  | 'password_reset'
  | 'verify_email'
  | 'magic_link'
  | 'oauth_state'
  | 'oauth_code'
  | 'sso_oidc_state'
  | 'oidc_idp_code';

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/** Issues a 43-char url-safe token (§1.8); only its hash is stored. */
export function issueOneTimeToken(
  dev: Dev,
  kind: OneTimeKind,
  ttlMs: number,
  owner: { userId?: string | null; email?: string | null; data?: Record<string, unknown> },
): string {
  const token = randomBytes(32).toString('base64url');
  const now = dev.clock.now();
  sql(
    dev.db,
    'INSERT INTO one_time_tokens (token_hash, kind, user_id, email, data, expires_at, created_at) VALUES (?,?,?,?,?,?,?)',
  ).run(
    hash(token),
    kind,
    owner.userId ?? null,
    owner.email ?? null,
    JSON.stringify(owner.data ?? {}),
    now + ttlMs,
    now,
  );
  return token;
}

export interface ConsumedToken {
  userId: string | null;
  email: string | null;
  data: Record<string, unknown>;
}

/** Consumes a token exactly once; null when unknown, used, expired or of another kind. */
export function consumeOneTimeToken(dev: Dev, kind: OneTimeKind, token: string): ConsumedToken | null {
  const now = dev.clock.now();
  const row = sql(
    dev.db,
    'UPDATE one_time_tokens SET used_at = ? WHERE token_hash = ? AND kind = ? AND used_at IS NULL AND expires_at > ? RETURNING user_id, email, data',
  ).get(now, hash(String(token)), kind, now) as
    | { user_id: string | null; email: string | null; data: string }
    | undefined;
  if (!row) return null;
  return { userId: row.user_id, email: row.email, data: JSON.parse(row.data) as Record<string, unknown> };
}
