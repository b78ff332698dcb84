// Routes the contract declares that the dev server used to answer with 404: session activity and
// alerts (§4.4), invitation update and cleanup (§4.5), audit-log cleanup (§4.9), /api/status
// (§4.10) and the OAuth-client consents of /users/me (§4.3).
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { type DevServer, startDevServer } from '../src/index';
import { client } from './http';

let server: DevServer;
let api: ReturnType<typeof client>;
beforeAll(async () => {
  server = await startDevServer({ scryptN: 1024 });
  api = client(server);
});
afterEach(() => api.call('POST', '/__dev/clock', { body: { reset: true } }));
afterAll(() => server.close());

const DAY = 86_400_000;
const BOT_UA = 'Mozilla/5.0 (compatible; Googlebot/2.1)';
const MAC_CHROME =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36';

/** An organization owned by a fresh user, with one pending invitation. */
async function orgWithInvitation() {
  const owner = await api.signUp();
  const org = await api.call('POST', '/api/v1/organizations/', {
    token: owner.token,
    body: { name: 'Acme', slug: `acme-${owner.id.slice(0, 8)}` },
  });
  const inv = await api.call('POST', '/api/v1/invitations/', {
    token: owner.token,
    body: { organization_id: org.json.id, email: `invitee-${owner.id.slice(0, 8)}@example.test`, expires_in: 2 },
  });
  expect(inv.status).toBe(201);
  return { owner, orgId: org.json.id as string, inv: inv.json };
}

describe('GET /sessions/activity/recent', () => {
  test('one entry per session, latest first, revoked ones flagged, limit 1–50', async () => {
    const u = await api.signUp();
    const second = await api.call('POST', '/api/v1/auth/signin', {
      body: { email: u.email, password: 'Correct-Horse-9!' },
      headers: { 'user-agent': MAC_CHROME },
    });
    await api.call('POST', '/api/v1/auth/signout', { token: second.json.tokens.access_token });
    await api.advance(60_000);
    await api.call('GET', '/api/v1/auth/me', { token: u.token }); // the sign-up session is used
    const r = await api.call('GET', '/api/v1/sessions/activity/recent?limit=10', { token: u.token });
    expect(r.status).toBe(200);
    expect(r.json.total).toBe(2);
    expect(r.json.activities[0]).toMatchObject({
      session_id: u.sessionId,
      activity_type: 'session_active',
      revoked: false,
    });
    expect(r.json.activities[1]).toMatchObject({
      session_id: second.json.session.id,
      activity_type: 'session_created',
      device: 'Chrome on macOS',
      device_type: 'desktop',
      revoked: true,
    });
    expect(typeof r.json.activities[1].timestamp).toBe('string');
    const one = await api.call('GET', '/api/v1/sessions/activity/recent?limit=1', { token: u.token });
    expect(one.json.activities).toHaveLength(1);
    const bad = await api.call('GET', '/api/v1/sessions/activity/recent?limit=51', { token: u.token });
    expect([bad.status, bad.json.error.details.validation_errors[0].field]).toEqual([422, 'query.limit']);
  });
});

describe('GET /sessions/security/alerts', () => {
  test('none for an ordinary account', async () => {
    const u = await api.signUp();
    const r = await api.call('GET', '/api/v1/sessions/security/alerts', { token: u.token });
    expect(r.json).toEqual({ alerts: [], total: 0 });
  });

  test('old sessions and automated user agents are reported with their session ids', async () => {
    const u = await api.signUp();
    const bot = await api.call('POST', '/api/v1/auth/signin', {
      body: { email: u.email, password: 'Correct-Horse-9!' },
      headers: { 'user-agent': BOT_UA },
    });
    // Keep the sign-up session alive for 31 days by refreshing it (sessions slide, §3.2).
    let refresh = u.refresh;
    let token = u.token;
    for (let day = 0; day < 31; day += 5) {
      await api.advance(5 * DAY);
      const r = await api.call('POST', '/api/v1/auth/refresh', { body: { refresh_token: refresh } });
      refresh = r.json.refresh_token;
      token = r.json.access_token;
    }
    const r = await api.call('GET', '/api/v1/sessions/security/alerts', { token });
    expect(r.status).toBe(200);
    expect(r.json.alerts).toEqual([
      {
        type: 'old_sessions',
        severity: 'info',
        message: '1 session(s) older than 30 days',
        session_ids: [u.sessionId],
      },
    ]);
    expect(r.json.total).toBe(1);
    // The bot's session expired unrefreshed; a fresh one is reported.
    expect(bot.status).toBe(200);
    const again = await api.call('POST', '/api/v1/auth/signin', {
      body: { email: u.email, password: 'Correct-Horse-9!' },
      headers: { 'user-agent': BOT_UA },
    });
    const alerts = await api.call('GET', '/api/v1/sessions/security/alerts', { token });
    expect(alerts.json.alerts).toContainEqual({
      type: 'suspicious_user_agent',
      severity: 'warning',
      message: '1 session(s) with an automated or suspicious user agent',
      session_ids: [again.json.session.id],
    });
  });
});

describe('PATCH /invitations/{id}', () => {
  test('an org admin changes role, message and expiry of a pending invitation', async () => {
    const { owner, inv } = await orgWithInvitation();
    const expires = new Date(Date.now() + 10 * DAY).toISOString();
    const r = await api.call('PATCH', `/api/v1/invitations/${inv.id}`, {
      token: owner.token,
      body: { role: 'admin', message: 'Welcome aboard', expires_at: expires },
    });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ id: inv.id, role: 'admin', message: 'Welcome aboard', status: 'pending' });
    expect(Date.parse(`${r.json.expires_at}Z`)).toBe(Date.parse(expires));
    // Absent fields stay as they were.
    const again = await api.call('PATCH', `/api/v1/invitations/${inv.id}`, { token: owner.token, body: {} });
    expect(again.json).toMatchObject({ role: 'admin', message: 'Welcome aboard' });
  });

  test('errors: past expiry, non-pending status, other organizations, not an admin', async () => {
    const { owner, inv } = await orgWithInvitation();
    const past = await api.call('PATCH', `/api/v1/invitations/${inv.id}`, {
      token: owner.token,
      body: { expires_at: '2000-01-01T00:00:00Z' },
    });
    expect([past.status, past.json.error.message]).toEqual([400, 'expires_at must be in the future']);
    const bad = await api.call('PATCH', `/api/v1/invitations/${inv.id}`, {
      token: owner.token,
      body: { expires_at: 'soon' },
    });
    expect([bad.status, bad.json.error.details.validation_errors[0].field]).toEqual([422, 'body.expires_at']);

    const stranger = await api.signUp();
    const other = await api.call('PATCH', `/api/v1/invitations/${inv.id}`, {
      token: stranger.token,
      body: { message: 'x' },
    });
    expect([other.status, other.json.error.message]).toEqual([404, 'Invitation not found']);

    await api.call('DELETE', `/api/v1/invitations/${inv.id}`, { token: owner.token });
    const revoked = await api.call('PATCH', `/api/v1/invitations/${inv.id}`, {
      token: owner.token,
      body: { message: 'x' },
    });
    expect([revoked.status, revoked.json.error.message]).toEqual([
      400,
      'Cannot update invitation with status: revoked',
    ]);
  });
});

describe('POST /invitations/cleanup', () => {
  test('marks the caller’s expired pending invitations expired and counts them', async () => {
    const a = await orgWithInvitation();
    const b = await orgWithInvitation();
    await api.advance(3 * DAY); // both invitations (2 days) are past their expiry
    const [ownerA, ownerB] = [await api.signIn(a.owner.email), await api.signIn(b.owner.email)];
    const r = await api.call('POST', '/api/v1/invitations/cleanup', { token: ownerA.token });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ message: 'Cleaned up 1 expired invitation(s)', count: 1 });
    const again = await api.call('POST', '/api/v1/invitations/cleanup', { token: ownerA.token });
    expect(again.json.count).toBe(0);
    // b's owner still has theirs to clean: a's cleanup did not reach another organization.
    const other = await api.call('POST', `/api/v1/invitations/cleanup?organization_id=${b.orgId}`, {
      token: ownerB.token,
    });
    expect(other.json.count).toBe(1);
  });

  test('a user who administers no organization gets 403', async () => {
    const u = await api.signUp();
    const r = await api.call('POST', '/api/v1/invitations/cleanup', { token: u.token });
    expect([r.status, r.json.error.message]).toEqual([403, 'Organization admin privileges required']);
  });
});

describe('DELETE /audit-logs/cleanup', () => {
  test('deletes entries older than `days` (30–365), admins only', async () => {
    const old = await api.signUp(); // writes user.created and session.created entries now
    await api.advance(40 * DAY);
    const admin = await api.admin();
    const r = await api.call('DELETE', '/api/v1/audit-logs/cleanup?days=30', { token: admin.token });
    expect(r.status).toBe(200);
    expect(r.json.deleted_count).toBeGreaterThanOrEqual(2);
    expect(r.json.message).toBe(`Deleted ${r.json.deleted_count} audit log entries older than 30 days`);
    expect(r.json.cutoff_date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);
    const left = await api.call('GET', `/api/v1/audit-logs/?actor=${old.id}`, { token: admin.token });
    // Only what happened after the cutoff stays: the session ran out when the clock moved.
    expect(left.json.logs.map((l: { action: string }) => l.action)).toEqual(['session.expired']);
    // The cleanup itself is on record.
    const trail = await api.call('GET', '/api/v1/audit-logs/?action=admin.action', { token: admin.token });
    expect(trail.json.logs[0].details).toMatchObject({ action: 'audit_logs.cleanup', days: 30 });

    const range = await api.call('DELETE', '/api/v1/audit-logs/cleanup?days=7', { token: admin.token });
    expect([range.status, range.json.error.details.validation_errors[0].field]).toEqual([422, 'query.days']);
    const user = await api.signUp();
    const denied = await api.call('DELETE', '/api/v1/audit-logs/cleanup', { token: user.token });
    expect([denied.status, denied.json.error.message]).toEqual([403, 'Admin access required']);
  });
});

describe('GET /api/status', () => {
  test('answers the §4.10 keys without authentication', async () => {
    const r = await api.call('GET', '/api/status');
    expect(r.status).toBe(200);
    expect(Object.keys(r.json).sort()).toEqual(
      ['authentication', 'endpoints', 'features', 'infrastructure', 'status', 'version'].sort(),
    );
    expect(r.json.features).toEqual({
      signups: true,
      magic_links: true,
      oauth: true,
      mfa: true,
      organizations: true,
      beta_endpoints: false,
    });
  });
});

describe('/users/me/consents', () => {
  test('grant, list, re-grant (scopes merge), revoke', async () => {
    const u = await api.signUp();
    const empty = await api.call('GET', '/api/v1/users/me/consents', { token: u.token });
    expect(empty.json).toEqual({ consents: [], total: 0 });

    const granted = await api.call('POST', '/api/v1/users/me/consents', {
      token: u.token,
      body: { client_id: 'crm-app', scopes: ['openid', 'email'] },
    });
    expect(granted.status).toBe(200);
    expect(granted.json).toMatchObject({
      user_id: u.id,
      client_id: 'crm-app',
      scopes: ['openid', 'email'],
      expires_at: null,
    });

    const regrant = await api.call('POST', '/api/v1/users/me/consents', {
      token: u.token,
      body: { client_id: 'crm-app', scopes: ['profile', 'email'] },
    });
    expect(regrant.json.id).toBe(granted.json.id);
    expect(regrant.json.scopes).toEqual(['openid', 'email', 'profile']);

    const list = await api.call('GET', '/api/v1/users/me/consents', { token: u.token });
    expect(list.json.total).toBe(1);

    const del = await api.call('DELETE', `/api/v1/users/me/consents/${granted.json.id}`, { token: u.token });
    expect(del.json).toEqual({ message: 'Consent revoked successfully' });
    expect((await api.call('GET', '/api/v1/users/me/consents', { token: u.token })).json.total).toBe(0);
    const twice = await api.call('DELETE', `/api/v1/users/me/consents/${granted.json.id}`, { token: u.token });
    expect([twice.status, twice.json.error.message]).toEqual([404, 'Consent not found']);
  });

  test('consents are private and expire', async () => {
    const u = await api.signUp();
    const other = await api.signUp();
    const c = await api.call('POST', '/api/v1/users/me/consents', {
      token: u.token,
      body: { client_id: 'app', expires_at: new Date(Date.now() + DAY).toISOString() },
    });
    const steal = await api.call('DELETE', `/api/v1/users/me/consents/${c.json.id}`, { token: other.token });
    expect(steal.status).toBe(404);
    expect((await api.call('GET', '/api/v1/users/me/consents', { token: other.token })).json.total).toBe(0);
    await api.advance(2 * DAY);
    const fresh = await api.signIn(u.email);
    expect((await api.call('GET', '/api/v1/users/me/consents', { token: fresh.token })).json.total).toBe(0);

    const missing = await api.call('POST', '/api/v1/users/me/consents', { token: fresh.token, body: {} });
    expect([missing.status, missing.json.error.details.validation_errors[0].field]).toEqual([422, 'body.client_id']);
    const past = await api.call('POST', '/api/v1/users/me/consents', {
      token: fresh.token,
      body: { client_id: 'app', expires_at: '2000-01-01T00:00:00Z' },
    });
    expect([past.status, past.json.error.message]).toEqual([400, 'expires_at must be in the future']);
  });
});
