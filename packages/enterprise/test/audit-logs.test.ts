import { signIn, signUp } from '@janua/auth';
import { AuthorizationError, createJanua, type Janua, request, ValidationError } from '@janua/core';
import { type DevServer, startDevServer } from '@janua/dev-server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  exportAuditLogs,
  getAuditLog,
  getAuditStats,
  iterateAuditLogs,
  listAuditActions,
  listAuditLogs,
} from '../src/index';
import { PASSWORD, rejectionOf, uniqueEmail } from './helpers';

let server: DevServer;
let admin: Janua;
beforeAll(async () => {
  server = await startDevServer();
  admin = createJanua({ baseUrl: server.url, env: {} });
  await signIn(admin, { email: server.admin.email, password: server.admin.password });
});
afterAll(() => server.close());

async function newUser() {
  const janua = createJanua({ baseUrl: server.url, env: {} });
  const email = uniqueEmail('audit');
  const { user } = await signUp(janua, { email, password: PASSWORD });
  return { janua, email, id: user.id };
}
const touch = (janua: Janua, n: number) =>
  request(janua, { method: 'PATCH', path: '/users/me', body: { bio: `edit ${n}` } });

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<{ text: string; count: number }> {
  const decoder = new TextDecoder();
  let text = '';
  let count = 0;
  for await (const chunk of chunks) {
    text += decoder.decode(chunk, { stream: true });
    count++;
  }
  return { text: text + decoder.decode(), count };
}

describe('audit logs', () => {
  test('250 entries iterate in pages with nothing skipped or repeated while new ones are written', async () => {
    const { janua } = await newUser();
    // Batches of concurrent writes make entries share timestamps, so page boundaries fall on ties.
    for (let b = 0; b < 10; b++) await Promise.all(Array.from({ length: 25 }, (_, i) => touch(janua, b * 25 + i)));
    const expected = (await listAuditLogs(janua, { action: 'user.updated', limit: 1000 })).data.map((l) => l.id);
    expect(expected).toHaveLength(250);
    const stamps = (await listAuditLogs(janua, { action: 'user.updated', limit: 1000 })).data.map((l) =>
      l.timestamp.getTime(),
    );
    expect(new Set(stamps).size).toBeLessThan(250);

    const seen: string[] = [];
    let writes = 0;
    const before = server.requests('GET', '/api/v1/audit-logs/').length;
    for await (const entry of iterateAuditLogs(janua, { action: 'user.updated', limit: 7 })) {
      seen.push(entry.id);
      if (seen.length % 10 === 0) {
        await Promise.all([touch(janua, 1000 + writes), touch(janua, 2000 + writes)]);
        writes++;
      }
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.slice(0, 250)).toEqual(expected);
    expect(seen).toHaveLength(250);
    expect(server.requests('GET', '/api/v1/audit-logs/').length - before).toBe(36);
    expect(writes).toBe(25);
  });

  test('sign-in, failures and sessions are recorded with IP and user agent; own entries only', async () => {
    const { janua, email, id } = await newUser();
    const browserish = createJanua({ baseUrl: server.url, env: {}, headers: { 'user-agent': 'audit-test/1.0' } });
    await rejectionOf(signIn(browserish, { email, password: 'Wrong-Password-1!' }));
    const failed = await listAuditLogs(admin, { action: 'auth.signin_failed', actor: id });
    expect(failed.data).toHaveLength(1);
    expect(failed.data[0]).toMatchObject({ userId: id, userEmail: email, ipAddress: '127.0.0.1' });
    expect(failed.data[0]?.userAgent).toBe('audit-test/1.0');
    const mine = await listAuditLogs(janua, {});
    expect(mine.data.map((l) => l.action)).toEqual(
      expect.arrayContaining(['auth.signin_failed', 'session.created', 'user.created']),
    );
    expect(mine.data.every((l) => l.userId === id)).toBe(true);
    const session = mine.data.find((l) => l.action === 'session.created');
    expect(session).toMatchObject({ resourceType: 'session', ipAddress: '127.0.0.1' });

    const one = await getAuditLog(janua, { auditLogId: session?.id as string });
    expect(one).toEqual(session);
    const other = await newUser();
    const denied = await rejectionOf(getAuditLog(other.janua, { auditLogId: one.id }));
    expect(denied).toBeInstanceOf(AuthorizationError);
    expect(denied.message).toBe('Access denied');
    expect(await rejectionOf(getAuditLog(janua, { auditLogId: 'x' }))).toBeInstanceOf(ValidationError);
    expect(await rejectionOf(listAuditLogs(janua, { limit: 0 }))).toBeInstanceOf(ValidationError);

    const actions = await listAuditActions(janua);
    expect(actions.actions).toContain('auth.signin_failed');
    expect(actions.counts['auth.signin_failed']).toBe(1);
  });

  test('date filters and stats', async () => {
    const { janua, id } = await newUser();
    const start = new Date();
    await touch(janua, 1);
    const filtered = await listAuditLogs(admin, { actor: id, startDate: start, action: 'user.updated' });
    expect(filtered.data).toHaveLength(1);
    expect(filtered.total).toBe(1);
    expect(filtered.hasMore).toBe(false);
    expect(filtered.nextCursor).toBeUndefined();
    const stats = await getAuditStats(admin, {});
    expect(stats.totalEvents).toBeGreaterThan(0);
    expect(stats.eventsByAction['user.updated']).toBeGreaterThan(0);
    expect(stats.uniqueIps).toBeGreaterThanOrEqual(1);
    expect(stats.timeRange.start).toBeInstanceOf(Date);
    const err = await rejectionOf(getAuditStats(janua, {}));
    expect(err).toBeInstanceOf(AuthorizationError);
  });

  test('export is streamed as JSON or CSV', async () => {
    const { janua, id } = await newUser();
    for (let b = 0; b < 3; b++) await Promise.all(Array.from({ length: 50 }, (_, i) => touch(janua, i)));
    const json = await exportAuditLogs(admin, { format: 'json', userIds: [id], actions: ['user.updated'] });
    expect(json.filename).toMatch(/^audit_logs_\d{8}_\d{6}\.json$/);
    const body = await collect(json);
    expect(body.count).toBeGreaterThanOrEqual(1);
    const rows = JSON.parse(body.text) as { user_id: string; action: string }[];
    expect(rows).toHaveLength(150);
    expect(rows.every((r) => r.user_id === id && r.action === 'user.updated')).toBe(true);

    const csv = await exportAuditLogs(admin, { format: 'csv', userIds: [id] });
    expect(csv.contentType).toContain('text/csv');
    const lines = (await collect(csv)).text.trim().split('\n');
    expect(lines[0]).toBe(
      'id,timestamp,action,user_id,user_email,resource_type,resource_id,ip_address,user_agent,details',
    );
    expect(lines.length).toBeGreaterThan(150);

    expect(await rejectionOf(exportAuditLogs(janua, { format: 'csv' }))).toBeInstanceOf(AuthorizationError);
  });
});
