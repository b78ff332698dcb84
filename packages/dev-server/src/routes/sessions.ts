import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import { iso, isoNaive } from '../clock';
import type { Dev, Env } from '../context';
import { HttpError } from '../errors';
import { fingerprint, parseUserAgent } from '../services/devices';
import { clientInfo, requireUser } from '../services/principal';
import { getSession, revokeSession, type SessionRow } from '../services/sessions';
import { sql } from '../store/db';
import { jsonBody, optionalJsonBody, pathId, validate } from '../validate';

function toSession(dev: Dev, s: SessionRow, currentId: string) {
  return {
    id: s.id,
    user_id: s.user_id,
    ip_address: s.ip_address,
    user_agent: s.user_agent,
    device_name: s.device_name,
    ...parseUserAgent(s.user_agent),
    is_current: s.id === currentId,
    created_at: iso(s.created_at),
    last_activity_at: iso(s.last_activity_at),
    expires_at: iso(s.expires_at),
    revoked: s.revoked_at !== null || s.expires_at <= dev.clock.now(),
  };
}

interface DeviceRow {
  id: string;
  user_id: string;
  device_name: string;
  fingerprint: string;
  last_ip_address: string | null;
  last_used_at: number;
  trust_expires_at: number | null;
  created_at: number;
  revoked_at: number | null;
}

const liveDevices = (dev: Dev, userId: string) =>
  sql(
    dev.db,
    'SELECT * FROM trusted_devices WHERE user_id = ? AND revoked_at IS NULL AND (trust_expires_at IS NULL OR trust_expires_at > ?) ORDER BY created_at DESC',
  ).all(userId, dev.clock.now()) as DeviceRow[];

function toDevice(d: DeviceRow, currentFingerprint: string) {
  return {
    id: d.id,
    device_name: d.device_name,
    device_fingerprint: `${d.fingerprint.slice(0, 8)}****`,
    last_ip_address: d.last_ip_address,
    last_location: null,
    last_used_at: iso(d.last_used_at),
    trust_expires_at: isoNaive(d.trust_expires_at),
    created_at: iso(d.created_at),
    is_current_device: d.fingerprint === currentFingerprint,
  };
}

/** Trusts a device (by its User-Agent fingerprint) for `days`; reuses a live record. */
export function trustDevice(
  dev: Dev,
  userId: string,
  userAgent: string | null,
  ip: string | null,
  name: string,
  days: number,
): DeviceRow {
  const fp = fingerprint(userAgent);
  const now = dev.clock.now();
  const existing = liveDevices(dev, userId).find((d) => d.fingerprint === fp);
  const expires = now + days * 86_400_000;
  if (existing) {
    sql(
      dev.db,
      'UPDATE trusted_devices SET device_name = ?, trust_expires_at = ?, last_used_at = ?, last_ip_address = ? WHERE id = ?',
    ).run(name, expires, now, ip, existing.id);
    return sql(dev.db, 'SELECT * FROM trusted_devices WHERE id = ?').get(existing.id) as DeviceRow;
  }
  const id = randomUUID();
  sql(
    dev.db,
    'INSERT INTO trusted_devices (id, user_id, device_name, fingerprint, last_ip_address, last_used_at, trust_expires_at, created_at) VALUES (?,?,?,?,?,?,?,?)',
  ).run(id, userId, name, fp, ip, now, expires, now);
  return sql(dev.db, 'SELECT * FROM trusted_devices WHERE id = ?').get(id) as DeviceRow;
}

function ownSession(dev: Dev, id: string, userId: string): SessionRow {
  const s = getSession(dev, id);
  if (!s || s.user_id !== userId) throw new HttpError(404, 'Session not found');
  return s;
}

function revoke(dev: Dev, s: SessionRow, reason: string) {
  revokeSession(dev, s.id);
  dev.events.emit('session.revoked', { userId: s.user_id, sessionId: s.id, reason });
}

const DAY_MS = 86_400_000;
// Thresholds of the security alerts (§4.4 names the alert types, not the rules behind them).
const MANY_LOCATIONS = 3;
const OLD_SESSION_DAYS = 30;
const AUTOMATED_AGENT = /bot|crawler|spider|scraper|headless/i;

/** §4.4 sessions. */
export function sessionRoutes(): Hono<Env> {
  const app = new Hono<Env>();

  // One entry per session, the latest first, revoked and expired ones included (flagged): a
  // session that has not been used since sign-in reads as `session_created`.
  app.get('/activity/recent', async (c) => {
    const dev = c.get('dev');
    const { user } = await requireUser(c);
    const q = validate(z.object({ limit: z.coerce.number().int().min(1).max(50).default(10) }), c.req.query(), 'query');
    const rows = sql(
      dev.db,
      'SELECT * FROM sessions WHERE user_id = ? ORDER BY last_activity_at DESC, created_at DESC, rowid DESC LIMIT ?',
    ).all(user.id, q.limit) as SessionRow[];
    const activities = rows.map((s) => {
      const ua = parseUserAgent(s.user_agent);
      return {
        session_id: s.id,
        activity_type: s.last_activity_at > s.created_at ? 'session_active' : 'session_created',
        timestamp: iso(s.last_activity_at),
        ip_address: s.ip_address,
        device: `${ua.browser} on ${ua.os}`,
        device_type: ua.device_type,
        revoked: s.revoked_at !== null || s.expires_at <= dev.clock.now(),
      };
    });
    return c.json({ activities, total: activities.length });
  });

  // Looks at the caller's live sessions only: those are what the user can still act on.
  app.get('/security/alerts', async (c) => {
    const dev = c.get('dev');
    const { user } = await requireUser(c);
    const now = dev.clock.now();
    const live = sql(
      dev.db,
      'SELECT * FROM sessions WHERE user_id = ? AND revoked_at IS NULL AND expires_at > ? ORDER BY created_at, rowid',
    ).all(user.id, now) as SessionRow[];
    const alerts: Record<string, unknown>[] = [];
    const locations = [...new Set(live.map((s) => s.ip_address).filter((ip): ip is string => !!ip))];
    if (locations.length > MANY_LOCATIONS) {
      alerts.push({
        type: 'multiple_locations',
        severity: 'warning',
        message: `Active sessions from ${locations.length} different locations`,
        locations,
      });
    }
    const old = live.filter((s) => s.created_at <= now - OLD_SESSION_DAYS * DAY_MS);
    if (old.length > 0) {
      alerts.push({
        type: 'old_sessions',
        severity: 'info',
        message: `${old.length} session(s) older than ${OLD_SESSION_DAYS} days`,
        session_ids: old.map((s) => s.id),
      });
    }
    const automated = live.filter((s) => s.user_agent && AUTOMATED_AGENT.test(s.user_agent));
    if (automated.length > 0) {
      alerts.push({
        type: 'suspicious_user_agent',
        severity: 'warning',
        message: `${automated.length} session(s) with an automated or suspicious user agent`,
        session_ids: automated.map((s) => s.id),
      });
    }
    return c.json({ alerts, total: alerts.length });
  });

  app.get('/', async (c) => {
    const dev = c.get('dev');
    const { user, session } = await requireUser(c);
    const rows = sql(
      dev.db,
      'SELECT * FROM sessions WHERE user_id = ? AND revoked_at IS NULL AND expires_at > ? ORDER BY last_activity_at DESC, created_at DESC',
    ).all(user.id, dev.clock.now()) as SessionRow[];
    return c.json({ sessions: rows.map((s) => toSession(dev, s, session.id)), total: rows.length });
  });

  app.delete('/', async (c) => {
    const dev = c.get('dev');
    const { user, session } = await requireUser(c);
    const others = sql(dev.db, 'SELECT * FROM sessions WHERE user_id = ? AND revoked_at IS NULL AND id != ?').all(
      user.id,
      session.id,
    ) as SessionRow[];
    for (const s of others) revoke(dev, s, 'revoke_others');
    return c.json({ message: `Revoked ${others.length} sessions`, revoked_count: others.length });
  });

  app.get('/:id', async (c) => {
    const dev = c.get('dev');
    const id = pathId(c.req.param('id'), 'session');
    const { user, session } = await requireUser(c);
    return c.json(toSession(dev, ownSession(dev, id, user.id), session.id));
  });

  app.delete('/:id', async (c) => {
    const dev = c.get('dev');
    const id = pathId(c.req.param('id'), 'session');
    const { user } = await requireUser(c);
    const s = ownSession(dev, id, user.id);
    if (s.revoked_at !== null) throw new HttpError(400, 'Session already revoked');
    revoke(dev, s, 'revoked');
    return c.json({ message: 'Session revoked successfully' });
  });

  app.post('/:id/refresh', async (c) => {
    const dev = c.get('dev');
    const id = pathId(c.req.param('id'), 'session');
    const { user } = await requireUser(c);
    const s = getSession(dev, id);
    if (!s || s.user_id !== user.id || s.revoked_at !== null) throw new HttpError(404, 'Session not found or revoked');
    sql(dev.db, 'UPDATE sessions SET last_activity_at = ? WHERE id = ?').run(dev.clock.now(), id);
    return c.json({ message: 'Session refreshed successfully' });
  });

  // (designed here) PATCH /sessions/{id}/device.
  app.patch('/:id/device', async (c) => {
    const dev = c.get('dev');
    const id = pathId(c.req.param('id'), 'session');
    const { user, session } = await requireUser(c);
    const body = await jsonBody(c, z.object({ name: z.string().max(255).nullish(), trusted: z.boolean().nullish() }));
    const s = ownSession(dev, id, user.id);
    if (body.name !== undefined && body.name !== null) {
      sql(dev.db, 'UPDATE sessions SET device_name = ? WHERE id = ?').run(body.name, id);
    }
    if (body.trusted === true)
      trustDevice(dev, user.id, s.user_agent, s.ip_address, body.name ?? s.device_name ?? 'Device', 30);
    if (body.trusted === false) {
      sql(
        dev.db,
        'UPDATE trusted_devices SET revoked_at = ? WHERE user_id = ? AND fingerprint = ? AND revoked_at IS NULL',
      ).run(dev.clock.now(), user.id, fingerprint(s.user_agent));
    }
    return c.json(toSession(dev, getSession(dev, id) as SessionRow, session.id));
  });
  return app;
}

/** §4.4 devices. */
export function deviceRoutes(): Hono<Env> {
  const app = new Hono<Env>();

  app.get('/', async (c) => {
    const dev = c.get('dev');
    const { user, session } = await requireUser(c);
    const fp = fingerprint(c.req.header('user-agent') ?? null);
    const devices = liveDevices(dev, user.id);
    const trusted = new Set(devices.map((d) => d.fingerprint));
    const sessions = sql(
      dev.db,
      'SELECT * FROM sessions WHERE user_id = ? AND revoked_at IS NULL AND expires_at > ? ORDER BY last_activity_at DESC',
    ).all(user.id, dev.clock.now()) as SessionRow[];
    return c.json({
      trusted_devices: devices.map((d) => toDevice(d, fp)),
      active_sessions: sessions.map((s) => ({
        id: s.id,
        device_name: s.device_name,
        ip_address: s.ip_address,
        user_agent: s.user_agent ? s.user_agent.slice(0, 100) : null,
        is_trusted_device: trusted.has(fingerprint(s.user_agent)),
        last_activity: iso(s.last_activity_at),
        created_at: iso(s.created_at),
        is_current_session: s.id === session.id,
      })),
    });
  });

  app.post('/trust', async (c) => {
    const dev = c.get('dev');
    const { user } = await requireUser(c);
    const body = await optionalJsonBody(
      c,
      z.object({
        device_name: z.string().max(255).nullish(),
        trust_duration_days: z.number().int().min(1).max(365).nullish(),
      }),
    );
    const info = clientInfo(c);
    const ua = parseUserAgent(info.userAgent);
    const d = trustDevice(
      dev,
      user.id,
      info.userAgent,
      info.ip,
      body.device_name ?? `${ua.browser} on ${ua.os}`,
      body.trust_duration_days ?? 30,
    );
    return c.json(toDevice(d, fingerprint(info.userAgent)));
  });

  app.delete('/trusted/:id', async (c) => {
    const dev = c.get('dev');
    const id = pathId(c.req.param('id'), 'device');
    const { user } = await requireUser(c);
    const done = sql(
      dev.db,
      'UPDATE trusted_devices SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL',
    ).run(dev.clock.now(), id, user.id);
    if (done.changes === 0) throw new HttpError(404, 'Device not found');
    return c.json({ message: 'Device trust revoked successfully' });
  });

  app.delete('/trusted', async (c) => {
    const dev = c.get('dev');
    const { user } = await requireUser(c);
    const keep = c.req.query('keep_current') !== 'false' ? fingerprint(c.req.header('user-agent') ?? null) : null;
    const n = sql(
      dev.db,
      'UPDATE trusted_devices SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL AND fingerprint IS NOT ?',
    ).run(dev.clock.now(), user.id, keep).changes;
    return c.json({ message: `Revoked trust for ${n} device(s)`, revoked_count: n });
  });

  app.delete('/sessions/:id', async (c) => {
    const dev = c.get('dev');
    const id = pathId(c.req.param('id'), 'session');
    const { user } = await requireUser(c);
    const s = ownSession(dev, id, user.id);
    if (s.revoked_at === null) revoke(dev, s, 'revoked');
    return c.json({ message: 'Session revoked successfully' });
  });

  app.delete('/sessions', async (c) => {
    const dev = c.get('dev');
    const { user, session } = await requireUser(c);
    const keep = c.req.query('keep_current') !== 'false';
    const rows = sql(dev.db, 'SELECT * FROM sessions WHERE user_id = ? AND revoked_at IS NULL').all(
      user.id,
    ) as SessionRow[];
    const targets = rows.filter((s) => !keep || s.id !== session.id);
    for (const s of targets) revoke(dev, s, 'revoked');
    return c.json({ message: `Revoked ${targets.length} session(s)`, revoked_count: targets.length });
  });

  app.get('/current', async (c) => {
    const dev = c.get('dev');
    const { user } = await requireUser(c);
    const info = clientInfo(c);
    const fp = fingerprint(info.userAgent);
    const d = liveDevices(dev, user.id).find((x) => x.fingerprint === fp);
    const seen = sql(dev.db, 'SELECT COUNT(*) AS n FROM sessions WHERE user_id = ? AND user_agent IS ?').get(
      user.id,
      info.userAgent,
    ) as { n: number };
    const ua = parseUserAgent(info.userAgent);
    return c.json({
      device_name: d?.device_name ?? `${ua.browser} on ${ua.os}`,
      device_fingerprint: `${fp.slice(0, 8)}****`,
      ip_address: info.ip,
      is_trusted: !!d,
      is_new_device: seen.n <= 1,
      trust_expires_at: isoNaive(d?.trust_expires_at),
    });
  });
  return app;
}
