import { signIn, signUp } from '@janua/auth';
import { AuthorizationError, createJanua, type Janua, request, ValidationError } from '@janua/core';
import { type DevServer, startDevServer } from '@janua/dev-server';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { cleanupAuditLogs, listAuditLogs } from '../src/index';
import { PASSWORD, rejectionOf, uniqueEmail } from './helpers';

let server: DevServer;
beforeAll(async () => {
  server = await startDevServer();
});
afterAll(() => server.close());

const DAY = 86_400_000;

async function newUser(): Promise<{ janua: Janua; id: string }> {
  const janua = createJanua({ baseUrl: server.url, env: {} });
  const { user } = await signUp(janua, { email: uniqueEmail('audit'), password: PASSWORD });
  // A few more entries of this user's.
  for (const n of [1, 2]) await request(janua, { method: 'PATCH', path: '/users/me', body: { bio: `edit ${n}` } });
  return { janua, id: user.id };
}

async function signedInAdmin(): Promise<Janua> {
  const admin = createJanua({ baseUrl: server.url, env: {} });
  await signIn(admin, { email: server.admin.email, password: server.admin.password });
  return admin;
}

const entriesOf = async (admin: Janua, userId: string) =>
  (await listAuditLogs(admin, { actor: userId, limit: 1000 })).data;
const ids = (entries: { id: string }[]) => entries.map((e) => e.id).sort();

test('deletes exactly the entries older than the cutoff, on the server clock', async () => {
  const old = await newUser(); // 40 days old at cleanup time
  server.advanceClock(15 * DAY);
  const middle = await newUser(); // 25 days old
  server.advanceClock(25 * DAY);
  const recent = await newUser(); // today
  // Sign in now: a refresh token from before the jump would have expired on the server's clock.
  const admin = await signedInAdmin();
  // No entry is near the 30-day boundary (they are 40, 25 and 0 days old), so the test's own
  // idea of the cutoff cannot disagree with the server's.
  const cutoff = Date.now() + 40 * DAY - 30 * DAY;
  const before = {
    old: await entriesOf(admin, old.id),
    middle: await entriesOf(admin, middle.id),
    recent: await entriesOf(admin, recent.id),
  };
  const stale = before.old.filter((e) => e.timestamp.getTime() < cutoff);
  expect(stale.length).toBeGreaterThanOrEqual(3);
  const olderThanCutoff = () =>
    (server.dev.db.prepare('SELECT COUNT(*) AS n FROM audit_logs WHERE timestamp < ?').get(cutoff) as { n: number }).n;
  // Every entry older than 30 days: the old user's and the seed's, none of the others'.
  const expected = olderThanCutoff();
  expect(expected).toBeGreaterThanOrEqual(stale.length);

  // The default is 90 days: nothing here is that old.
  expect((await cleanupAuditLogs(admin)).deletedCount).toBe(0);
  expect(ids(await entriesOf(admin, old.id))).toEqual(expect.arrayContaining(ids(before.old)));

  const result = await cleanupAuditLogs(admin, { olderThanDays: 30 });
  expect(result.deletedCount).toBe(expected);
  expect(result.message).toBe(`Deleted ${expected} audit log entries older than 30 days`);
  expect(Math.abs(result.cutoffDate.getTime() - cutoff)).toBeLessThan(60_000);
  expect(olderThanCutoff()).toBe(0);
  const after = {
    old: ids(await entriesOf(admin, old.id)),
    middle: ids(await entriesOf(admin, middle.id)),
    recent: ids(await entriesOf(admin, recent.id)),
  };
  for (const gone of ids(stale)) expect(after.old).not.toContain(gone);
  // The old user's newer entries, and everything of the others, survive.
  expect(after.old).toEqual(expect.arrayContaining(ids(before.old.filter((e) => !stale.includes(e)))));
  expect(after.middle).toEqual(expect.arrayContaining(ids(before.middle)));
  expect(after.recent).toEqual(expect.arrayContaining(ids(before.recent)));
  expect((await cleanupAuditLogs(admin, { olderThanDays: 30 })).deletedCount).toBe(0);
  // The cleanups themselves are on the record.
  const trail = server.dev.db
    .prepare("SELECT COUNT(*) AS n FROM audit_logs WHERE details LIKE '%audit_logs.cleanup%'")
    .get() as { n: number };
  expect(trail.n).toBe(3);
  expect(server.requests('DELETE', '/api/v1/audit-logs/cleanup').map((r) => r.status)).toEqual([200, 200, 200]);
});

test('platform admins only; the range is checked before any request', async () => {
  const user = await newUser();
  const denied = await rejectionOf(cleanupAuditLogs(user.janua, { olderThanDays: 365 }));
  expect(denied).toBeInstanceOf(AuthorizationError);
  expect(denied).toMatchObject({ status: 403, message: 'Admin access required' });

  const admin = await signedInAdmin();
  const before = server.requests().length;
  for (const olderThanDays of [29, 366, 30.5, Number.NaN, '90' as never]) {
    const err = await rejectionOf(cleanupAuditLogs(admin, { olderThanDays }));
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.fieldErrors[0].field).toBe('olderThanDays');
  }
  expect(server.requests().length).toBe(before);
  expect((await cleanupAuditLogs(admin, { olderThanDays: 365 })).deletedCount).toBe(0);
});
