// Wire formats and filters: §1.8 timestamps in error details (ACCOUNT_LOCKED), §4.3 admin user
// filters (`search`, `mfa_enabled`, `is_admin`), §1.7/§4.9 audit-log cursor = the ISO timestamp of
// the last item, paging correctly when one request writes several entries at once.
import * as OTPAuth from 'otpauth';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type DevServer, startDevServer } from '../src/index';
import { TEST_PASSWORD, uniqueEmail } from '../src/testing';
import { client } from './http';

let server: DevServer;
let api: ReturnType<typeof client>;
beforeAll(async () => {
  server = await startDevServer({ scryptN: 1024 });
  api = client(server);
});
afterAll(() => server.close());

/** §1.8: naive UTC, no offset, microseconds only when non-zero. */
const NAIVE_ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?$/;
const asUtc = (s: string) => Date.parse(`${s}Z`);

describe('ACCOUNT_LOCKED details.locked_until (§2.1) is a §1.8 timestamp', () => {
  test('at the locking attempt and while locked: naive UTC, 15 minutes on', async () => {
    const u = await api.signUp();
    const wrong = () =>
      api.call('POST', '/api/v1/auth/signin', { body: { email: u.email, password: 'Wrong-Password-1!' } });
    for (let i = 0; i < 4; i++) expect((await wrong()).status).toBe(401);
    const before = Date.parse(`${(await api.call('GET', '/__dev/clock')).json.now}Z`);
    const locked = await wrong();
    const still = await api.call('POST', '/api/v1/auth/signin', { body: { email: u.email, password: TEST_PASSWORD } });
    for (const r of [locked, still]) {
      expect([r.status, r.json.error.code]).toEqual([423, 'ACCOUNT_LOCKED']);
      expect(r.json.error.details.reason).toBe('too_many_failed_attempts');
      expect(r.json.error.details.locked_until).toMatch(NAIVE_ISO);
    }
    const until = asUtc(locked.json.error.details.locked_until);
    expect(until - before).toBeGreaterThanOrEqual(15 * 60_000);
    expect(until - before).toBeLessThan(15 * 60_000 + 5_000);
    expect(still.json.error.details.locked_until).toBe(locked.json.error.details.locked_until);
  });
});

describe('GET /admin/users filters (§4.3)', () => {
  const tag = `t${crypto.randomUUID().slice(0, 8)}`;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    const admin = await api.admin();
    // Four users who share `tag` in different fields, so `search=tag` finds them all.
    const byFirst = await api.call('POST', '/api/v1/auth/signup', {
      body: { email: uniqueEmail(), password: TEST_PASSWORD, first_name: `Ada${tag}` },
    });
    ids.first = byFirst.json.user.id;
    const byLast = await api.call('POST', '/api/v1/auth/signup', {
      body: { email: uniqueEmail(), password: TEST_PASSWORD, last_name: `Love${tag.toUpperCase()}lace` },
    });
    ids.last = byLast.json.user.id;
    const byUsername = await api.call('POST', '/api/v1/auth/signup', {
      body: { email: uniqueEmail(), password: TEST_PASSWORD, username: `u_${tag}` },
    });
    ids.username = byUsername.json.user.id;
    const platformAdmin = await api.call('POST', '/api/v1/admin/users', {
      token: admin.token,
      body: { email: uniqueEmail(tag), password: TEST_PASSWORD, is_admin: true },
    });
    ids.admin = platformAdmin.json.id;
    // The username user turns TOTP on.
    const mfa = await api.signIn(byUsername.json.user.email);
    const setup = await api.call('POST', '/api/v1/mfa/enable', { token: mfa.token, body: { password: TEST_PASSWORD } });
    const code = new OTPAuth.TOTP({ secret: setup.json.secret }).generate();
    expect((await api.call('POST', '/api/v1/mfa/verify', { token: mfa.token, body: { code } })).status).toBe(200);
  });

  const list = async (query: string) => {
    const admin = await api.admin();
    const r = await api.call('GET', `/api/v1/admin/users?per_page=100&${query}`, { token: admin.token });
    return r;
  };
  const idsOf = async (query: string) => ((await list(query)).json as { id: string }[]).map((u) => u.id).sort();

  test('search matches email, first name, last name and username, case-insensitively', async () => {
    expect(await idsOf(`search=${tag}`)).toEqual([ids.first, ids.last, ids.username, ids.admin].sort());
    expect(await idsOf(`search=${tag.toUpperCase()}`)).toEqual([ids.first, ids.last, ids.username, ids.admin].sort());
  });

  test('is_admin and mfa_enabled filter (true and false), combined with search', async () => {
    expect(await idsOf(`search=${tag}&is_admin=true`)).toEqual([ids.admin]);
    expect(await idsOf(`search=${tag}&is_admin=false`)).toEqual([ids.first, ids.last, ids.username].sort());
    expect(await idsOf(`search=${tag}&mfa_enabled=true`)).toEqual([ids.username]);
    expect(await idsOf(`search=${tag}&mfa_enabled=0`)).toEqual([ids.first, ids.last, ids.admin].sort());
    expect(await idsOf(`search=${tag}&mfa_enabled=true&is_admin=true`)).toEqual([]);
    const rows = (await list(`search=${tag}&mfa_enabled=yes`)).json;
    expect(rows.map((u: { mfa_enabled: boolean }) => u.mfa_enabled)).toEqual([true]);
  });

  test('a value that is not a boolean is a 422 on that query field', async () => {
    const r = await list('mfa_enabled=maybe');
    expect(r.status).toBe(422);
    expect(r.json.error.details.validation_errors[0].field).toBe('query.mfa_enabled');
  });
});

describe('audit-log cursor (§1.7, §4.9)', () => {
  test('is the ISO timestamp of the last item, and pages through entries written in one burst', async () => {
    const admin = await api.admin();
    const u = await api.signUp(); // user.created + session.created in the same request
    // A burst on the server's own events bus: all in the same millisecond, most likely.
    for (let i = 0; i < 12; i++) {
      server.dev.events.emit('security.suspicious_activity', { userId: u.id, reason: `burst ${i}` });
    }
    const all = await api.call('GET', `/api/v1/audit-logs/?actor=${u.id}&limit=1000`, { token: admin.token });
    expect(all.json.total).toBe(14);
    const stamps = all.json.logs.map((l: { timestamp: string }) => l.timestamp);
    for (const s of stamps) expect(s).toMatch(NAIVE_ISO);
    expect(new Set(stamps).size).toBe(stamps.length);

    for (const limit of [1, 3, 5]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const q: string = `/api/v1/audit-logs/?actor=${u.id}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const page = await api.call('GET', q, { token: admin.token });
        expect(page.json.total).toBe(14);
        const logs = page.json.logs as { id: string; timestamp: string }[];
        seen.push(...logs.map((l) => l.id));
        cursor = page.json.cursor;
        expect(page.json.has_more).toBe(cursor !== null);
        if (cursor !== null) expect(cursor).toBe(logs.at(-1)?.timestamp);
        pages++;
      } while (cursor !== null && pages < 20);
      expect(seen).toEqual(all.json.logs.map((l: { id: string }) => l.id));
    }
  });

  test('a cursor or date bound copied from an entry selects to the microsecond', async () => {
    const admin = await api.admin();
    const u = await api.signUp();
    for (let i = 0; i < 3; i++) server.dev.events.emit('security.suspicious_activity', { userId: u.id });
    const all = (await api.call('GET', `/api/v1/audit-logs/?actor=${u.id}`, { token: admin.token })).json.logs as {
      id: string;
      timestamp: string;
    }[];
    const [, second] = all;
    const end = await api.call(
      'GET',
      `/api/v1/audit-logs/?actor=${u.id}&end_date=${encodeURIComponent(second?.timestamp ?? '')}`,
      { token: admin.token },
    );
    expect(end.json.logs.map((l: { id: string }) => l.id)).toEqual(all.slice(1).map((l) => l.id));
    const bad = await api.call('GET', '/api/v1/audit-logs/?cursor=yesterday', { token: admin.token });
    expect([bad.status, bad.json.error.details.validation_errors[0].field]).toEqual([422, 'query.cursor']);
  });
});
