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
  ).run(id, user.id, id, jti, client.ip, client.userAgent, now, now, sessionExpiry(dev, now));
  const live = sql(
    dev.db,
    'SELECT id FROM sessions WHERE user_id = ? AND revoked_at IS NULL AND expires_at > ? ORDER BY created_at DESC, rowid DESC',
  ).all(user.id, now) as { id: string }[];
  for (const old of live.slice(MAX_SESSIONS)) {
    if (revokeSession(dev, old.id)) {
      dev.events.emit('session.revoked', { userId: user.id, sessionId: old.id, reason: 'session_limit' });
    }
  }
  const session = getSession(dev, id) as SessionRow;
  const tokens = await issueTokenPair(dev, user, session, jti);
  return { session, tokens };
}

/**
 * A session lives as long as its refresh token (§4.0 `SessionSummary`: session = refresh expiry).
 * Rotation mints a refresh token with a fresh lifetime (§3.1), so the session slides with it:
 * a token is honoured until its own `exp`, and a session ends once it goes unrefreshed for a
 * whole refresh lifetime.
 */
function sessionExpiry(dev: Dev, now: number): number {
  return now + dev.config.refreshTokenTtl * 1000;
}

/**
 * Rotates a session's refresh token (§3.2): the presented jti must still be the current one.
 * Moves the session's expiry to the new token's. False when someone rotated it first.
 */
export function rotateRefreshToken(dev: Dev, session: SessionRow, presentedJti: string, nextJti: string): boolean {
  const now = dev.clock.now();
  return (
    sql(
      dev.db,
      'UPDATE sessions SET refresh_jti = ?, last_activity_at = ?, expires_at = ? WHERE id = ? AND refresh_jti = ? AND revoked_at IS NULL',
    ).run(nextJti, now, sessionExpiry(dev, now), session.id, presentedJti).changes === 1
  );
}

/** Marks one session revoked; false when it already was. Callers emit `session.revoked`. */
export function revokeSession(dev: Dev, id: string): boolean {
  return (
    sql(dev.db, 'UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(dev.clock.now(), id)
      .changes === 1
  );
}

/** Revokes every session of the family (refresh-token reuse, §3.2). */
export function revokeFamily(dev: Dev, family: string): void {
  sql(dev.db, 'UPDATE sessions SET revoked_at = ? WHERE family = ? AND revoked_at IS NULL').run(
    dev.clock.now(),
    family,
  );
}

/**
 * Emits `session.expired` (§4.8, data `{session_id, user_id}`) for each of the given sessions
 * that ran past its expiry without being revoked, once per session however often it is seen.
 * Returns how many were announced now.
 */
export function announceExpired(dev: Dev, rows: readonly SessionRow[]): number {
  const now = dev.clock.now();
  let announced = 0;
  for (const s of rows) {
    if (s.revoked_at !== null || s.expires_at > now) continue;
    const fresh = sql(
      dev.db,
      'INSERT OR IGNORE INTO session_expiry_notices (session_id, announced_at) VALUES (?, ?)',
    ).run(s.id, now);
    if (fresh.changes !== 1) continue;
    dev.events.emit('session.expired', { userId: s.user_id, sessionId: s.id, reason: 'expired' });
    announced++;
  }
  return announced;
}

/**
 * Announces every session that expired and was not announced yet: the dev server's stand-in for
 * a cleanup job, run when the dev clock moves (§7.4) so that tests see `session.expired` without
 * waiting. Returns how many were announced.
 */
export function sweepExpiredSessions(dev: Dev): number {
  const rows = sql(
    dev.db,
    `SELECT s.* FROM sessions s WHERE s.revoked_at IS NULL AND s.expires_at <= ?
     AND NOT EXISTS (SELECT 1 FROM session_expiry_notices n WHERE n.session_id = s.id)
     ORDER BY s.expires_at, s.rowid`,
  ).all(dev.clock.now()) as SessionRow[];
  return announceExpired(dev, rows);
}

/**
 * Revokes the given sessions and emits `session.revoked` once per session this call revoked
 * (§4.8), with the payload the other emitters use. A session that had already expired is marked
 * too but announced as `session.expired` (if nobody had yet): it ended by itself, not by this
 * revocation. Returns how many were live.
 */
export function revokeSessions(dev: Dev, rows: readonly SessionRow[], reason: string): number {
  announceExpired(dev, rows);
  const now = dev.clock.now();
  const revoked = dev.db.transaction(() => rows.filter((s) => revokeSession(dev, s.id) && s.expires_at > now))();
  for (const s of revoked) dev.events.emit('session.revoked', { userId: s.user_id, sessionId: s.id, reason });
  return revoked.length;
}

/**
 * Revokes all of a user's sessions, optionally keeping one, emitting `session.revoked` for each
 * (password change/reset, suspension, deletion, admin revoke-all). Returns how many were live.
 */
export function revokeUserSessions(
  dev: Dev,
  userId: string,
  exceptId: string | null = null,
  reason = 'revoked',
): number {
  const rows = sql(dev.db, 'SELECT * FROM sessions WHERE user_id = ? AND revoked_at IS NULL AND id IS NOT ?').all(
    userId,
    exceptId,
  ) as SessionRow[];
  return revokeSessions(dev, rows, reason);
}

/** `SessionSummary` (designed here, §4.0). */
export function toSessionSummary(s: SessionRow) {
  return { id: s.id, expires_at: iso(s.expires_at) };
}
