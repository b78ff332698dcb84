import { randomUUID } from 'node:crypto';
import { iso } from '../clock';
import type { Dev } from '../context';
import { sql } from '../store/db';
import { issueTokenPair, newJti, type TokenPair } from './tokens';
import type { UserRow } from './users';

export interface SessionRow {
  id: string;
  user_id: string;
  family: string;
  refresh_jti: string;
  ip_address: string | null;
  user_agent: string | null;
  device_name: string | null;
  created_at: number;
  last_activity_at: number;
  expires_at: number;
  revoked_at: number | null;
}

const MAX_SESSIONS = 5;

export function getSession(dev: Dev, id: string): SessionRow | undefined {
  return sql(dev.db, 'SELECT * FROM sessions WHERE id = ?').get(id) as SessionRow | undefined;
}

export function isLive(dev: Dev, s: SessionRow | undefined): s is SessionRow {
  return !!s && s.revoked_at === null && s.expires_at > dev.clock.now();
}

/** Starts a session (a new refresh family), enforcing at most 5 live sessions per user (§3.1). */
export async function createSession(
  dev: Dev,
  user: UserRow,
  client: { ip: string | null; userAgent: string | null },
): Promise<{ session: SessionRow; tokens: TokenPair }> {
  const now = dev.clock.now();
  const id = randomUUID();
  const jti = newJti();
  sql(
    dev.db,
    `INSERT INTO sessions (id, user_id, family, refresh_jti, ip_address, user_agent, created_at, last_activity_at, expires_at)
     VALUES (?,?,?,?,?,?,?,?,?)`,
  ).run(id, user.id, id, jti, client.ip, client.userAgent, now, now, now + dev.config.refreshTokenTtl * 1000);
  const live = sql(
    dev.db,
    'SELECT id FROM sessions WHERE user_id = ? AND revoked_at IS NULL AND expires_at > ? ORDER BY created_at DESC, rowid DESC',
  ).all(user.id, now) as { id: string }[];
  for (const old of live.slice(MAX_SESSIONS)) revokeSession(dev, old.id);
  const session = getSession(dev, id) as SessionRow;
  const tokens = await issueTokenPair(dev, user, session, jti);
  return { session, tokens };
}

export function revokeSession(dev: Dev, id: string): void {
  sql(dev.db, 'UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(dev.clock.now(), id);
}

/** Revokes every session of the family (refresh-token reuse, §3.2). */
export function revokeFamily(dev: Dev, family: string): void {
  sql(dev.db, 'UPDATE sessions SET revoked_at = ? WHERE family = ? AND revoked_at IS NULL').run(
    dev.clock.now(),
    family,
  );
}

/** Revokes all of a user's sessions, optionally keeping one. Returns how many. */
export function revokeUserSessions(dev: Dev, userId: string, exceptId: string | null = null): number {
  return sql(dev.db, 'UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL AND id IS NOT ?').run(
    dev.clock.now(),
    userId,
    exceptId,
  ).changes;
}

/** `SessionSummary` (designed here, §4.0). */
export function toSessionSummary(s: SessionRow) {
  return { id: s.id, expires_at: iso(s.expires_at) };
}
